import { afterAll, beforeAll, expect, test } from 'vitest';
import {
  csvOf,
  EPISODE_COLUMNS,
  episodeRow,
  FEEDS_TEST_CONTRACT,
  FEEDS_TEST_NAME,
} from './helpers/feeds-contract.js';
import { postFeed, publishContract, startTestService, type TestService } from './helpers/test-service.js';

/**
 * Writes take turns: feeds, publishes, token changes and their audit entries sent at once all
 * succeed (or are refused for their own reasons), none waits out the database's busy timeout, and
 * every one is audited. Requests that write nothing are answered while a big feed commits.
 */

let service: TestService;
beforeAll(async () => {
  service = await startTestService();
  await publishContract(service, await service.token('36J', 'commissioner'), [FEEDS_TEST_CONTRACT]);
});
afterAll(() => service.close());

async function auditCount(action: string, outcome: string): Promise<number> {
  const result = await service.services.db.$client.execute({
    sql: 'SELECT count(*) AS n FROM audit_log WHERE action = ? AND outcome = ?',
    args: [action, outcome],
  });
  return Number(result.rows[0]?.n);
}

test('four big feeds, a publish, token changes and bad tokens at once: every answer right, every write audited', async () => {
  const tad = await service.token('TAD', 'provider');
  const commissioner = await service.token('36J', 'commissioner');
  const admin = await service.token('36J', 'admin');
  const months = ['2026-04', '2026-05', '2026-06', '2026-07'];
  const before = {
    feeds: await auditCount('submit-feed', 'ok'),
    refused: await auditCount('authenticate', 'refused'),
    tokens: await auditCount('token.create', 'ok'),
  };
  const feeds = months.map((period, m) =>
    postFeed(service, tad, {
      contract: FEEDS_TEST_NAME,
      source: 'Episodes',
      period,
      body: csvOf(
        EPISODE_COLUMNS,
        Array.from({ length: 150_000 }, (_, i) => episodeRow(i + m * 100_000, {}, period)),
      ),
    }),
  );
  const publish = publishContract(service, commissioner, [FEEDS_TEST_CONTRACT], '2026-05-01');
  const tokens = Array.from({ length: 4 }, () =>
    service.request('/tokens', {
      method: 'POST',
      token: admin,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ organisation: 'TAD', role: 'provider' }),
    }),
  );
  // While the feeds are read and committed, a bad token is tried every 100 ms: each is refused
  // (and audited) promptly, never after waiting on the feeds' write transactions.
  let writing = true;
  const settled = Promise.all(feeds).finally(() => {
    writing = false;
  });
  const bad: { status: number; ms: number }[] = [];
  while (writing) {
    const started = Date.now();
    const response = await service.request(`/contracts/${FEEDS_TEST_NAME}/position`, {
      token: 'parity_not_a_token',
    });
    bad.push({ status: response.status, ms: Date.now() - started });
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  expect(bad.length).toBeGreaterThan(3);
  expect(bad.map((r) => r.status)).toEqual(bad.map(() => 401));
  const badTime = Math.max(...bad.map((r) => r.ms));
  console.log('BAD', bad.length, badTime);
  expect((await settled).map((r) => r.status)).toEqual(months.map(() => 201));
  await publish;
  expect((await Promise.all(tokens)).map((r) => r.status)).toEqual([201, 201, 201, 201]);
  // Nothing waited out the five-second busy timeout.
  expect(badTime).toBeLessThan(4_000);
  expect((await auditCount('submit-feed', 'ok')) - before.feeds).toBe(4);
  expect(await auditCount('publish', 'ok')).toBe(2);
  expect((await auditCount('token.create', 'ok')) - before.tokens).toBe(4);
  expect((await auditCount('authenticate', 'refused')) - before.refused).toBe(bad.length);
});
