import { afterAll, beforeAll, expect, test } from 'vitest';
import {
  csvOf,
  EPISODE_COLUMNS,
  episodeRow,
  FEEDS_TEST_CONTRACT,
  FEEDS_TEST_NAME,
} from './helpers/feeds-contract.js';
import {
  postFeed,
  publishContract,
  startTestService,
  storedCounts,
  type TestService,
} from './helpers/test-service.js';

let service: TestService;
beforeAll(async () => {
  service = await startTestService();
  await publishContract(service, await service.token('36J', 'commissioner'), [FEEDS_TEST_CONTRACT]);
});
afterAll(() => service.close());

test('stores feeds sent at the same time, each whole', async () => {
  const tad = await service.token('TAD', 'provider');
  const months = ['2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09'];
  const responses = await Promise.all(
    months.map((period, m) =>
      postFeed(service, tad, {
        contract: FEEDS_TEST_NAME,
        source: 'Episodes',
        period,
        body: csvOf(
          EPISODE_COLUMNS,
          Array.from({ length: 12_000 }, (_, i) => episodeRow(i + m * 100_000, {}, period)),
        ),
      }),
    ),
  );
  expect(responses.map((r) => r.status)).toEqual(months.map(() => 201));
  expect(await storedCounts(service)).toEqual({ submissions: 6, blocks: 12 });
});
