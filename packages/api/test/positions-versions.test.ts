import { Statement } from '@parity/engine';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { csvOf } from './helpers/feeds-contract.js';
import { contractSource, postFeed, startTestService, type TestService } from './helpers/test-service.js';

/**
 * Worked example (a), assessed quarterly (contracts/demo/worked-examples.parity): 1.25% of
 * £40,000,000 = £500,000 a year, £125,000 a quarter. Version 1, effective 1 April, pays linearly
 * from 40% to 80%; version 2, a variation effective 1 October, from 50% to 90%. Bradford District
 * Care (TAD) returns 100 eligible people a month:
 *   Q1 (60 + 70 + 80) / 300 = 70%  v1: (70 - 40) / 40 = 0.75  -> £93,750.00
 *   Q2 (50 + 55 + 60) / 300 = 55%  v1: (55 - 40) / 40 = 0.375 -> £46,875.00
 *   Q3 (70 + 75 + 80) / 300 = 75%  v2: (75 - 50) / 40 = 0.625 -> £78,125.00
 *                                  (v1 would pay (75 - 40) / 40 = 0.875 -> £109,375.00)
 * Priced wholly by version 2, Q1 would have paid (70 - 50) / 40 = 0.5 -> £62,500.00.
 */
const QUARTER_PENCE = (40_000_000n * 100n * 125n) / 10_000n / 4n;
const pays = (attainmentThousandths: bigint) => String((QUARTER_PENCE * attainmentThousandths) / 1000n);
const Q1_V1 = pays(750n); // £93,750.00
const Q2_V1 = pays(375n); // £46,875.00
const Q3_V2 = pays(625n); // £78,125.00
const Q3_V1 = pays(875n); // £109,375.00

const NAME = 'demo.worked.WorkedQuarterly';
const FILE = 'demo/worked-examples.parity';
const MONTHS: [string, number][] = [
  ['2026-04', 60],
  ['2026-05', 70],
  ['2026-06', 80],
  ['2026-07', 50],
  ['2026-08', 55],
  ['2026-09', 60],
  ['2026-10', 70],
  ['2026-11', 75],
  ['2026-12', 80],
];

let service: TestService;
let commissioner: string;
let original: string;
let varied: string;
const published: { version: number; contentHash: string }[] = [];

async function publish(text: string, effectiveDate: string) {
  const response = await service.request('/contracts', {
    method: 'POST',
    token: commissioner,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ sources: [{ path: FILE, text }], contract: 'WorkedQuarterly', effectiveDate }),
  });
  return {
    status: response.status,
    body: (await response.json()) as { version: number; contentHash: string },
  };
}

/** The month after a period, when its return is sent: 2026-04 on 2026-05-05. */
const sentFor = (month: string) => {
  const [year, number] = month.split('-').map(Number) as [number, number];
  return number === 12
    ? `${year + 1}-01-05T10:00:00.000Z`
    : `${year}-${String(number + 1).padStart(2, '0')}-05T10:00:00.000Z`;
};

beforeAll(async () => {
  service = await startTestService({ now: '2026-04-01T08:00:00.000Z' });
  commissioner = await service.token('QWO', 'commissioner');
  original = (await contractSource(FILE)).text;
  // The variation raises WorkedQuarterly's thresholds by ten points.
  varied = original.replace(
    /(indicator QuarterlyIndicator [^}]*)linear from 40% to 80%/,
    '$1linear from 50% to 90%',
  );
  expect(varied).not.toBe(original);
  const first = await publish(original, '2026-04-01');
  expect(first.status).toBe(201);
  published.push(first.body);
  const tad = await service.token('TAD', 'provider');
  for (const [month, met] of MONTHS) {
    if (month === '2026-09') {
      // The variation is agreed in September, to take effect from Q3.
      service.clock.set('2026-09-15T09:00:00.000Z');
      const second = await publish(varied, '2026-10-01');
      expect(second.status).toBe(201);
      published.push(second.body);
    }
    service.clock.set(sentFor(month));
    const body = csvOf(
      ['measure', 'period', 'numerator', 'denominator', 'value', 'pence'],
      [['WorkedProportion', month, String(met), '100', '', '']],
    );
    const response = await postFeed(service, tad, {
      contract: NAME,
      source: 'WorkedReturn',
      period: month,
      body,
    });
    expect(response.status).toBe(201);
  }
  service.clock.set('2027-01-10T09:00:00.000Z');
});
afterAll(() => service.close());

async function statementAsOf(asOf: string) {
  const finance = await service.token('QWO', 'finance');
  const response = await service.request(`/contracts/${NAME}/statement?asOf=${asOf}`, { token: finance });
  expect(response.status).toBe(200);
  return Statement.parse(await response.json());
}

/** The indicator's quarterly lines: period, pence and the version that priced each. */
const quarters = (statement: Statement) =>
  statement.lines
    .filter((l) => l.kind === 'cquin' && l.clause === 'QuarterlyIndicator')
    .map((l) => [l.period, l.pence, l.version]);

describe('a variation effective part way through the year', () => {
  test('prices the quarters before it by the version then in force, and the rest by itself', async () => {
    const statement = await statementAsOf('2027-01-10');
    expect(statement.version).toBe(2);
    expect(quarters(statement)).toEqual([
      ['2026/27 Q1', Q1_V1, 1],
      ['2026/27 Q2', Q2_V1, 1],
      ['2026/27 Q3', Q3_V2, 2],
      ['2026/27 Q4', '0', 2],
    ]);
    expect(Q1_V1).toBe('9375000');
    expect(Q2_V1).toBe('4687500');
    expect(Q3_V2).toBe('7812500');
    // Not the whole year at version 2's rate: Q1 would have been £62,500.00.
    expect(Q1_V1).not.toBe(pays(500n));
    // Totals add the lines as priced.
    const earned = BigInt(Q1_V1) + BigInt(Q2_V1) + BigInt(Q3_V2);
    expect(statement.totalsByKind.cquin).toBe(String(earned));
  });

  test('names the version of every line, in the position too', async () => {
    const statement = await statementAsOf('2027-01-10');
    for (const line of statement.lines)
      expect(line.version).toBe(line.period < '2026-10' || /Q[12]$/.test(line.period) ? 1 : 2);
    const tad = await service.token('TAD', 'provider');
    const response = await service.request(`/contracts/${NAME}/position?asOf=2027-01-10`, { token: tad });
    const position = (await response.json()) as {
      lines: { clause: string; period: string; version: number }[];
    };
    expect(
      position.lines.filter((l) => l.clause === 'QuarterlyIndicator').map((l) => [l.period, l.version]),
    ).toEqual([
      ['2026/27 Q1', 1],
      ['2026/27 Q2', 1],
      ['2026/27 Q3', 2],
      ['2026/27 Q4', 2],
    ]);
  });

  test('published ahead of its date, is in force on none yet but already prices the quarters it will govern', async () => {
    const statement = await statementAsOf('2026-09-20');
    expect(statement.version).toBe(1);
    expect(quarters(statement).map(([period, , version]) => [period, version])).toEqual([
      ['2026/27 Q1', 1],
      ['2026/27 Q2', 1],
      ['2026/27 Q3', 2],
      ['2026/27 Q4', 2],
    ]);
    expect(quarters(statement)[0]?.[1]).toBe(Q1_V1);
  });
});

describe('the original text published again', () => {
  test('is a new version 3 with version 1’s hash, and publishing it once more changes nothing', async () => {
    service.clock.set('2027-01-15T09:00:00.000Z');
    const third = await publish(original, '2026-10-01');
    expect(third.status).toBe(201);
    expect(third.body.version).toBe(3);
    expect(third.body.contentHash).toBe(published[0]?.contentHash);
    expect(third.body.contentHash).not.toBe(published[1]?.contentHash);
    const again = await publish(original, '2026-10-01');
    expect(again.status).toBe(200);
    expect(again.body.version).toBe(3);
  });

  test('prices Q3 onward as version 1 did, naming version 3', async () => {
    const statement = await statementAsOf('2027-01-20');
    expect(statement.version).toBe(3);
    expect(quarters(statement)).toEqual([
      ['2026/27 Q1', Q1_V1, 1],
      ['2026/27 Q2', Q2_V1, 1],
      ['2026/27 Q3', Q3_V1, 3],
      ['2026/27 Q4', '0', 3],
    ]);
    expect(Q3_V1).toBe('10937500');
  });

  test('leaves a statement as of an earlier date as it was', async () => {
    const statement = await statementAsOf('2027-01-10');
    expect(quarters(statement)[2]).toEqual(['2026/27 Q3', Q3_V2, 2]);
  });
});

test('a date before the first publication answers that the contract was not known then', async () => {
  const finance = await service.token('QWO', 'finance');
  for (const path of ['statement', 'position']) {
    const response = await service.request(`/contracts/${NAME}/${path}?asOf=2026-03-31`, { token: finance });
    expect(response.status).toBe(404);
    expect(((await response.json()) as { code: string }).code).toBe('not-found');
  }
});
