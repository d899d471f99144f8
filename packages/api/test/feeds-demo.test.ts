import { afterAll, beforeAll, expect, test } from 'vitest';
import { startTestService, storedCounts, type TestService } from './helpers/test-service.js';

let service: TestService;

beforeAll(async () => {
  service = await startTestService({ env: { PARITY_DEMO: 'true' }, now: '2026-11-20T09:00:00.000Z' });
});
afterAll(() => service.close());

test('the first start loads every demo feed in the manifest', async () => {
  expect(await storedCounts(service)).toMatchObject({ submissions: 29 });
  const tad = await service.token('TAD', 'provider');
  const feeds = (await (
    await service.request('/contracts/demo.bradford.SmiPhysicalHealthCquin/feeds', { token: tad })
  ).json()) as { format: string; period: string; current: boolean }[];
  expect(new Set(feeds.map((f) => f.format))).toEqual(new Set(['csv', 'xlsx']));
  expect(feeds.filter((f) => !f.current).map((f) => f.period)).toEqual(['2026-06']);
});

test('the SMI CQUIN statement shows what each indicator earned in the first two quarters', async () => {
  const finance = await service.token('36J', 'finance');
  const response = await service.request('/contracts/demo.bradford.SmiPhysicalHealthCquin/statement', {
    token: finance,
  });
  const statement = (await response.json()) as {
    lines: { kind: string; clause: string; period: string; pence: string; provisional: boolean }[];
  };
  const cquin = statement.lines.filter((l) => l.kind === 'cquin' && !l.provisional);
  expect(cquin.map((l) => `${l.clause} ${l.period}`).sort()).toEqual([
    'SixChecks 2026/27 Q1',
    'SixChecks 2026/27 Q2',
    'SmokingCessation 2026/27 Q1',
    'SmokingCessation 2026/27 Q2',
    'WeightMonitoring 2026/27 Q1',
    'WeightMonitoring 2026/27 Q2',
  ]);
  expect(cquin.every((l) => BigInt(l.pence) > 0n)).toBe(true);
});

test('the capitated contract pays on the registered list sent as JSON', async () => {
  const finance = await service.token('36J', 'finance');
  const response = await service.request(
    '/contracts/demo.bradford_capitated.BradfordIntegratedCare/statement',
    { token: finance },
  );
  const statement = (await response.json()) as {
    lines: { kind: string; period: string; pence: string; provider: string }[];
  };
  const april = statement.lines.filter((l) => l.kind === 'capitation' && l.period === '2026-04');
  // 650,000 people x £1,920 a year / 12 = £104,000,000, shared among the five providers.
  expect(april.reduce((sum, l) => sum + BigInt(l.pence), 0n)).toBe(10_400_000_000n);
});
