import { afterAll, beforeAll, expect, test } from 'vitest';
import { FEEDS_TEST_CONTRACT } from './helpers/feeds-contract.js';
import { startTestService, type TestService } from './helpers/test-service.js';

let service: TestService;
beforeAll(async () => {
  service = await startTestService();
});
afterAll(() => service.close());

/** The same contract under another title, so that each source is a distinct version. */
function variant(n: number, name: string) {
  return {
    path: `test/${name}-${n}.parity`,
    text: FEEDS_TEST_CONTRACT.text.replace(
      'contract FeedsTest "Feeds test contract 2026/27"',
      `contract ${name} "Variant ${n}"`,
    ),
  };
}

async function publish(token: string, source: { path: string; text: string }) {
  const response = await service.request('/contracts', {
    method: 'POST',
    token,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ sources: [source], effectiveDate: '2026-04-01' }),
  });
  return { status: response.status, body: (await response.json()) as { version?: number; message?: string } };
}

test('publishes the same new contract sent at the same time once, answering every request', async () => {
  const token = await service.token('36J', 'commissioner');
  const source = variant(0, 'RacedOnce');
  const results = await Promise.all(Array.from({ length: 6 }, () => publish(token, source)));
  expect(results.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 200, 201]);
  expect(new Set(results.map((r) => r.body.version))).toEqual(new Set([1]));
});

test('numbers distinct versions sent at the same time 1, 2, 3… with none lost', async () => {
  const token = await service.token('36J', 'commissioner');
  const results = await Promise.all(
    Array.from({ length: 6 }, (_, n) => publish(token, variant(n, 'RacedVersions'))),
  );
  expect(results.map((r) => r.status)).toEqual(results.map(() => 201));
  expect(results.map((r) => r.body.version).sort()).toEqual([1, 2, 3, 4, 5, 6]);
});
