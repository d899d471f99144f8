import { afterAll, beforeAll, expect, test } from 'vitest';
import { startTestService, type TestService } from './helpers/test-service.js';

/**
 * A contract of two financial years is paid in each: West London's secure units block runs from
 * April 2026 to March 2028, at £3,600,000 in 2026/27 and £3,708,000 in 2027/28.
 */
const CONTRACT = 'demo.westlondon.SecureUnitsPrimaryCare';

let service: TestService;
let finance: string;

beforeAll(async () => {
  service = await startTestService({ env: { PARITY_DEMO: 'true' }, now: '2026-12-04T09:00:00.000Z' });
  finance = await service.token('X26', 'auditor');
}, 120_000);
afterAll(() => service.close());

interface Statement {
  year: string;
  term: string[];
  earnedPence: string;
  lines: { kind: string; period: string; pence: string }[];
}

async function statement(query: string): Promise<{ status: number; body: Statement & { message?: string } }> {
  const response = await service.request(`/contracts/${CONTRACT}/statement${query}`, { token: finance });
  return { status: response.status, body: (await response.json()) as Statement & { message?: string } };
}

test('the statement is for the year the date falls in, and names every year of the term', async () => {
  const { status, body } = await statement('');
  expect(status).toBe(200);
  expect(body.year).toBe('2026/27');
  expect(body.term).toEqual(['2026/27', '2027/28']);
  // £3,600,000 ÷ 12 = £300,000 a month.
  expect(body.lines.filter((l) => l.kind === 'block').map((l) => l.pence)).toEqual(
    Array(12).fill('30000000'),
  );
  expect(body.earnedPence).toBe('360000000');
});

test('the second year pays its own value, not £0', async () => {
  const { status, body } = await statement('?year=2027/28');
  expect(status).toBe(200);
  expect(body.year).toBe('2027/28');
  // £3,708,000 ÷ 12 = £309,000 a month, April 2027 to March 2028.
  const block = body.lines.filter((l) => l.kind === 'block');
  expect(block.map((l) => l.period)).toEqual([
    '2027-04',
    '2027-05',
    '2027-06',
    '2027-07',
    '2027-08',
    '2027-09',
    '2027-10',
    '2027-11',
    '2027-12',
    '2028-01',
    '2028-02',
    '2028-03',
  ]);
  expect(block.every((l) => l.pence === '30900000')).toBe(true);
  expect(body.earnedPence).toBe('370800000');
});

test('after the first year, the statement is for the second by default', async () => {
  const { body } = await statement('?asOf=2027-05-01');
  expect(body.year).toBe('2027/28');
});

test('a year outside the term is refused, naming the term', async () => {
  const { status, body } = await statement('?year=2028/29');
  expect(status).toBe(422);
  expect(body.message).toBe(
    "2028/29 is not a year of demo.westlondon.SecureUnitsPrimaryCare's term (2026/27, 2027/28).",
  );
});
