import { describe, expect, test } from 'vitest';
import {
  linesInForce,
  type PaymentLine,
  periodStart,
  type VersionLines,
  versionOn,
  versionsPricing,
} from '../src/index.js';

const line = (clause: string, period: string, pence: bigint): PaymentLine => ({
  kind: 'cquin',
  clause,
  scheme: 'S',
  provider: 'TAD',
  period,
  pence,
  status: 'earned',
  provisional: false,
  trace: { clause, inputs: {}, formula: '', text: `${clause} ${period}` },
});
const quarters = (clause: string, pence: bigint[]) =>
  pence.map((p, i) => line(clause, `2026/27 Q${i + 1}`, p));

describe('versions in force by period', () => {
  test('a period starts on the first day of its first month', () => {
    expect(periodStart('2026/27 Q3')).toBe('2026-10-01');
    expect(periodStart('2026-11')).toBe('2026-11-01');
    expect(periodStart('2026/27')).toBe('2026-04-01');
  });

  test('the version in force on a date is the latest effective by then, the later published on a tie', () => {
    const versions = [
      { version: 1, effectiveDate: '2026-04-01' },
      { version: 2, effectiveDate: '2026-10-01' },
      { version: 3, effectiveDate: '2026-10-01' },
    ];
    expect(versionOn(versions, '2026-09-30')?.version).toBe(1);
    expect(versionOn(versions, '2026-10-01')?.version).toBe(3);
    // Before any is effective, the first to govern.
    expect(versionOn(versions.slice(1), '2026-04-01')?.version).toBe(3);
    expect(versionOn([], '2026-04-01')).toBeUndefined();
  });

  test('a variation effective 1 October prices Q3 and Q4 only, each line naming its version', () => {
    const versions: VersionLines[] = [
      { version: 1, effectiveDate: '2026-04-01', lines: quarters('I', [100n, 200n, 300n, 400n]) },
      { version: 2, effectiveDate: '2026-10-01', lines: quarters('I', [10n, 20n, 30n, 40n]) },
    ];
    expect(linesInForce(versions).map((l) => [l.period, l.pence, l.version])).toEqual([
      ['2026/27 Q1', 100n, 1],
      ['2026/27 Q2', 200n, 1],
      ['2026/27 Q3', 30n, 2],
      ['2026/27 Q4', 40n, 2],
    ]);
  });

  test('merged lines stay grouped by clause in order of period, even when versions differ in periods', () => {
    const monthly = ['2026-10', '2026-11', '2026-12'].map((m, i) => line('I', m, BigInt(i + 1)));
    const versions: VersionLines[] = [
      {
        version: 1,
        effectiveDate: '2026-04-01',
        lines: [...quarters('I', [100n, 200n, 300n, 400n]), ...quarters('J', [5n, 6n, 7n, 8n])],
      },
      {
        version: 2,
        effectiveDate: '2026-10-01',
        lines: [...monthly, ...quarters('J', [50n, 60n, 70n, 80n])],
      },
    ];
    expect(linesInForce(versions).map((l) => `${l.clause} ${l.period} v${l.version}`)).toEqual([
      'I 2026/27 Q1 v1',
      'I 2026/27 Q2 v1',
      'I 2026-10 v2',
      'I 2026-11 v2',
      'I 2026-12 v2',
      'J 2026/27 Q1 v1',
      'J 2026/27 Q2 v1',
      'J 2026/27 Q3 v2',
      'J 2026/27 Q4 v2',
    ]);
  });

  test('only the versions in force on the first day of some month of the year price anything', () => {
    const versions = [
      { version: 1, effectiveDate: '2026-04-01' },
      { version: 2, effectiveDate: '2026-10-01' },
      { version: 3, effectiveDate: '2026-10-01' },
      { version: 4, effectiveDate: '2027-04-01' },
    ];
    expect(versionsPricing(versions, '2026/27').map((v) => v.version)).toEqual([1, 3]);
  });
});
