import { describe, expect, test } from 'vitest';
import { type ContractModel, evaluate } from '../src/index.js';
import { model, proportion } from './model-builder.js';

const END = '2027-04-01';
const here = { file: 't', line: 1, column: 1, endLine: 1, endColumn: 1 };

describe('block, activity, capitation and year of care', () => {
  test('pays a block value in twelve instalments whose pennies add up to the value', async () => {
    const m = model({
      contract: { arrangements: ['block'], valuePence: '100000001', instalments: 'monthly' },
    });
    const lines = (await evaluate(m, {}, { asOf: END })).lines.filter((l) => l.kind === 'block');
    expect(lines).toHaveLength(12);
    expect(lines.reduce((s, l) => s + l.pence, 0n)).toBe(100_000_001n);
    expect(lines[0]?.pence).toBe(8_333_334n);
    expect(lines[11]?.pence).toBe(8_333_333n);
  });

  test('prices counted activity at the unit price, quarter by quarter', async () => {
    const count = proportion('Attendances', { scoring: { kind: 'count' }, minimumDenominator: undefined });
    const m = model({
      measures: [count],
      contract: {
        arrangements: ['activity'],
        activities: [
          {
            name: 'Outpatients',
            title: 'Outpatients',
            measure: 'Attendances',
            pricePence: '15000',
            unit: 'attendance',
            location: here,
          },
        ],
      },
    });
    const result = await evaluate(
      m,
      { aggregates: [{ measure: 'Attendances', provider: '*', period: '2026/27 Q1', value: '310' }] },
      { asOf: END },
    );
    expect(result.lines.filter((l) => l.kind === 'activity').map((l) => [l.period, l.pence])).toEqual([
      ['2026/27 Q1', 4_650_000n],
    ]);
  });

  test('pays capitation monthly on the registered population, rounding each month', async () => {
    const population = proportion('Registered', {
      scoring: { kind: 'reported-value' },
      minimumDenominator: undefined,
    });
    const capitation = {
      name: 'Cap',
      title: 'Capitation',
      basis: 'registered' as const,
      membership: 'Registered',
      ratePencePerYear: '10001',
      schedule: 'monthly' as const,
      covers: ['physical-health' as const, 'mental-health' as const],
      weights: [],
      location: here,
    };
    const m = model({
      measures: [population],
      contract: { arrangements: ['capitated'], capitations: [capitation] },
    });
    const result = await evaluate(
      m,
      {
        aggregates: [
          { measure: 'Registered', provider: '*', period: '2026-04', value: '1000' },
          { measure: 'Registered', provider: '*', period: '2026/27', value: '1200' },
        ],
      },
      { asOf: END },
    );
    const lines = result.lines.filter((l) => l.kind === 'capitation');
    expect(lines).toHaveLength(12);
    // April: 1,000 × £100.01 ÷ 12 = £8,334.1666… → £8,334.17; months without their own figure use the year's 1,200 → £10,001.00.
    expect(lines[0]?.pence).toBe(833_417n);
    expect(lines[1]?.pence).toBe(1_000_100n);
  });

  test('rounds the annual capitation once when the contract says so, paying the months as instalments', async () => {
    const population = proportion('Registered', {
      scoring: { kind: 'reported-value' },
      minimumDenominator: undefined,
    });
    const capitation = {
      name: 'Cap',
      title: 'Capitation',
      basis: 'registered' as const,
      membership: 'Registered',
      ratePencePerYear: '10001',
      schedule: 'monthly' as const,
      covers: ['physical-health' as const, 'mental-health' as const],
      weights: [],
      location: here,
    };
    const pay = async (rounding: ContractModel['contract']['rounding']) => {
      const m = model({
        measures: [population],
        contract: { arrangements: ['capitated'], capitations: [capitation], rounding },
      });
      const aggregates = [{ measure: 'Registered', provider: '*', period: '2026/27', value: '1' }];
      const result = await evaluate(m, { aggregates }, { asOf: END });
      return result.lines.filter((l) => l.kind === 'capitation').map((l) => l.pence);
    };
    // One person at £100.01 a year: a month is 10,001p ÷ 12 = 833.4166…p. Rounded alone each is
    // 833p, and the year 12 × 833p = 9,996p, 5p short.
    const perLine = await pay({ mode: 'half-up', unit: 'penny' });
    expect(perLine.reduce((a, b) => a + b, 0n)).toBe(9_996n);
    // Rounded once: month k pays round(10,001 × k ÷ 12) less what the months before paid; running
    // totals 833, 1,667 (1,666.83), 2,500 (2,500.25), 3,334, 4,167, 5,001 (5,000.5 half-up), 5,834,
    // 6,667, 7,501, 8,334, 9,168, 10,001.
    const annual = await pay({ mode: 'half-up', unit: 'penny', totals: 'annual' });
    expect(annual).toEqual([833n, 834n, 833n, 834n, 833n, 834n, 833n, 833n, 834n, 833n, 834n, 833n]);
    expect(annual.reduce((a, b) => a + b, 0n)).toBe(10_001n);
  });

  describe('year of care, from snapshots of the register', () => {
    const dataset = {
      name: 'Cohort',
      title: 'Cohort',
      overTime: { meaning: 'snapshots' as const },
      fields: [
        { name: 'person', type: 'pseudonym' as const, optional: false },
        { name: 'joined', type: 'date' as const, optional: false },
        { name: 'left', type: 'date' as const, optional: true },
      ],
      location: here,
    };
    const yearOfCare = {
      name: 'Yoc',
      title: 'Year of care',
      cohort: 'Cohort',
      joinedField: 'joined',
      leftField: 'left',
      ratePencePerYear: '365000',
      covers: ['physical-health' as const, 'mental-health' as const],
      location: here,
    };
    const yocModel = () => {
      const m = model({ contract: { arrangements: ['year-of-care'], yearsOfCare: [yearOfCare] } });
      m.datasets.push(dataset);
      return m;
    };
    const yoc = async (rows: Record<string, string | null>[], asOf = END) =>
      (
        await evaluate(
          yocModel(),
          { records: { Cohort: rows.map((r) => ({ provider: 'RAA', ...r })) } },
          { asOf },
        )
      ).lines.filter((l) => l.kind === 'year-of-care');
    const total = (lines: { pence: bigint }[]) => lines.reduce((s, l) => s + l.pence, 0n);

    test('a register at the year end pays each member for their days (£3,650 a year is £10 a day)', async () => {
      const lines = await yoc([
        { month: '2027-03', person: 'a', joined: '2026-04-01', left: null },
        { month: '2027-03', person: 'b', joined: '2026-05-01', left: '2026-05-11' },
      ]);
      // a: 365 days; b: 1 to 10 May, 10 days. 375 days × £10 = £3,750.
      expect(total(lines)).toBe(375_000n);
      expect(lines.find((l) => l.period === '2026-05')?.pence).toBe(41_000n);
    });

    test('monthly snapshots count each member-day once, not once per snapshot', async () => {
      const months = [
        '2026-04',
        '2026-05',
        '2026-06',
        '2026-07',
        '2026-08',
        '2026-09',
        '2026-10',
        '2026-11',
        '2026-12',
        '2027-01',
        '2027-02',
        '2027-03',
      ];
      const all = await yoc(
        months.map((month) => ({ month, person: 'a', joined: '2019-06-01', left: null })),
      );
      expect(total(all)).toBe(365_000n);
      // In the April and May snapshots only: April's 30 days and May's 31, £610; June on is not yet known.
      const two = await yoc(
        months.slice(0, 2).map((month) => ({ month, person: 'a', joined: '2019-06-01', left: null })),
      );
      expect(two.map((l) => [l.period, l.pence])).toEqual([
        ['2026-04', 30_000n],
        ['2026-05', 31_000n],
      ]);
    });

    test('a leaver in the month they leave counts to the day before, and is gone from later snapshots', async () => {
      const lines = await yoc([
        { month: '2026-04', person: 'a', joined: '2020-01-01', left: null },
        { month: '2026-05', person: 'a', joined: '2020-01-01', left: '2026-05-11' },
        { month: '2026-06', person: 'c', joined: '2026-06-21', left: null },
      ]);
      // a: April 30 days, May 10 days; c: 21 to 30 June, 10 days.
      expect(lines.map((l) => [l.period, l.pence])).toEqual([
        ['2026-04', 30_000n],
        ['2026-05', 10_000n],
        ['2026-06', 10_000n],
      ]);
    });

    test('a person twice in one snapshot is refused, as it would pay twice', async () => {
      await expect(
        yoc([
          { month: '2026-04', person: 'a', joined: '2020-01-01', left: null },
          { month: '2026-04', person: 'a', joined: '2020-01-01', left: null },
        ]),
      ).rejects.toMatchObject({ code: 'invalid-record', details: { row: 2, field: 'person' } });
    });
  });
});
