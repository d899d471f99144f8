import { describe, expect, test } from 'vitest';
import { evaluate } from '../src/index.js';
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

  test('pro-rates year of care by days of membership', async () => {
    const dataset = {
      name: 'Cohort',
      title: 'Cohort',
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
    const m = model({ contract: { arrangements: ['year-of-care'], yearsOfCare: [yearOfCare] } });
    m.datasets.push(dataset);
    const rows = [
      { provider: 'RAA', month: '2026-04', person: 'a', joined: '2026-04-01', left: null },
      { provider: 'RAA', month: '2026-04', person: 'b', joined: '2026-05-01', left: '2026-05-11' },
    ];
    const result = await evaluate(m, { records: { Cohort: rows } }, { asOf: END });
    const lines = result.lines.filter((l) => l.kind === 'year-of-care');
    // £3,650 a year is £10 a day: person a all year (365 days), person b 10 days in May.
    expect(lines.reduce((s, l) => s + l.pence, 0n)).toBe(375_000n);
    expect(lines.find((l) => l.period === '2026-05')?.pence).toBe(41_000n);
  });
});
