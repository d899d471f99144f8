import { describe, expect, test } from 'vitest';
import { evaluate, type PaymentLine } from '../src/index.js';
import { counts, indicator, model, proportion, scheme } from './model-builder.js';

const END = '2027-04-01';
const earned = (lines: PaymentLine[], period?: string) =>
  lines
    .filter((l) => l.kind === 'cquin' && (!period || l.period === period))
    .reduce((s, l) => s + l.pence, 0n);

const WORKED = counts('M', {
  '2026/27 Q1': [120, 400],
  '2026/27 Q2': [180, 400],
  '2026/27 Q3': [340, 400],
  '2026/27 Q4': [360, 400],
});

describe('CQUIN schemes', () => {
  test('assessed quarterly, the worked example earns £265,625', async () => {
    const m = model({ contract: { schemes: [scheme('S', [indicator('I', 'M')])] } });
    const result = await evaluate(m, { aggregates: WORKED }, { asOf: END });
    expect(result.lines.filter((l) => l.kind === 'cquin').map((l) => l.pence)).toEqual([
      0n,
      1_562_500n,
      12_500_000n,
      12_500_000n,
    ]);
    expect(earned(result.lines)).toBe(26_562_500n);
  });

  test('assessed on the annual pooled rate, the same quarters earn £281,250', async () => {
    const m = model({
      contract: { schemes: [scheme('S', [indicator('I', 'M')], { assessment: 'annually' })] },
    });
    const result = await evaluate(m, { aggregates: WORKED }, { asOf: END });
    expect(earned(result.lines)).toBe(28_125_000n);
  });

  test('explains a line with the clause, the counts, the formula and the money', async () => {
    const m = model({ contract: { schemes: [scheme('S', [indicator('HealthChecks', 'M')])] } });
    const result = await evaluate(m, { aggregates: WORKED }, { asOf: END });
    const q2 = result.lines.find((l) => l.period === '2026/27 Q2');
    expect(q2?.trace.text).toBe(
      'Indicator HealthChecks, 2026/27 Q2: 45.0% (180 of 400); linear 40%→80% gives attainment 0.125 × £125,000.00 = £15,625.00',
    );
    expect(q2?.trace.location).toMatchObject({ file: 'test.parity' });
    expect(q2?.trace.inputs).toMatchObject({ numerator: '180', denominator: '400' });
  });

  test('pays nothing, and says why, when the denominator is below the minimum', async () => {
    const m = model({ contract: { schemes: [scheme('S', [indicator('I', 'M')])] } });
    const result = await evaluate(m, { aggregates: counts('M', { '2026/27 Q1': [5, 9] }) }, { asOf: END });
    const q1 = result.lines.find((l) => l.period === '2026/27 Q1');
    expect(q1).toMatchObject({ pence: 0n, status: 'insufficient-data' });
    expect(q1?.trace.text).toContain('insufficient data');
  });

  test('pays in full exactly at the upper threshold and nothing exactly at the lower', async () => {
    const m = model({ contract: { schemes: [scheme('S', [indicator('I', 'M')])] } });
    const result = await evaluate(
      m,
      { aggregates: counts('M', { '2026/27 Q1': [40, 100], '2026/27 Q2': [80, 100] }) },
      { asOf: END },
    );
    expect(result.lines.slice(0, 2).map((l) => l.pence)).toEqual([0n, 12_500_000n]);
  });

  test('mirrors a linear scale for a lower-is-better measure', async () => {
    const lower = proportion('M', { direction: 'lower' });
    const rule = {
      kind: 'linear' as const,
      from: { kind: 'percent' as const, percent: '30' },
      to: { kind: 'percent' as const, percent: '10' },
    };
    const m = model({
      measures: [lower],
      contract: { schemes: [scheme('S', [indicator('I', 'M', { rule })])] },
    });
    const result = await evaluate(
      m,
      {
        aggregates: counts('M', { '2026/27 Q1': [20, 100], '2026/27 Q2': [35, 100], '2026/27 Q3': [5, 100] }),
      },
      { asOf: END },
    );
    expect(result.lines.slice(0, 3).map((l) => l.attainment)).toEqual(['0.500000', '0.000000', '1.000000']);
  });

  test("uses a quarter's own thresholds where the contract gives them", async () => {
    const quarterRule = {
      quarter: 'Q2' as const,
      rule: { kind: 'all-or-nothing' as const, at: { kind: 'percent' as const, percent: '45' } },
    };
    const m = model({
      contract: { schemes: [scheme('S', [indicator('I', 'M', { quarterRules: [quarterRule] })])] },
    });
    const result = await evaluate(m, { aggregates: WORKED }, { asOf: END });
    expect(result.lines[1]?.pence).toBe(12_500_000n);
  });

  test('marks quarters not reached by the as-of date as not yet due', async () => {
    const m = model({ contract: { schemes: [scheme('S', [indicator('I', 'M')])] } });
    const result = await evaluate(
      m,
      { aggregates: counts('M', { '2026/27 Q1': [300, 400] }) },
      { asOf: '2026-08-15' },
    );
    expect(result.lines.map((l) => l.status)).toEqual([
      'partly-earned',
      'no-data',
      'not-yet-due',
      'not-yet-due',
    ]);
    expect(result.lines[1]?.provisional).toBe(true);
  });

  test('splits a scheme among indicators by weight with no penny lost', async () => {
    const third = { kind: 'percent' as const, percent: '33.33', base: 'scheme' as const };
    const indicators = [
      indicator('A', 'M', { weight: third }),
      indicator('B', 'M', { weight: third }),
      indicator('C', 'M', { weight: { kind: 'percent', percent: '33.34', base: 'scheme' } }),
    ];
    const m = model({
      contract: {
        schemes: [
          scheme('S', indicators, { worth: { kind: 'money', pence: '100001' }, assessment: 'annually' }),
        ],
      },
    });
    const result = await evaluate(m, { aggregates: counts('M', { '2026/27': [100, 100] }) }, { asOf: END });
    expect(earned(result.lines)).toBe(100_001n);
  });

  test('uses the latest resubmission known at the as-of date', async () => {
    const m = model({ contract: { schemes: [scheme('S', [indicator('I', 'M')])] } });
    const first = {
      measure: 'M',
      provider: 'RAA',
      period: '2026/27 Q1',
      numerator: '120',
      denominator: '400',
      submittedAt: '2026-07-10',
    };
    const resubmitted = { ...first, numerator: '320', submittedAt: '2026-08-20' };
    const before = await evaluate(m, { aggregates: [first, resubmitted] }, { asOf: '2026-08-01' });
    const after = await evaluate(m, { aggregates: [first, resubmitted] }, { asOf: '2026-09-01' });
    expect(before.lines[0]?.pence).toBe(0n);
    expect(after.lines[0]?.pence).toBe(12_500_000n);
  });

  test('nets payments on account against what was earned at year end', async () => {
    const m = model({
      contract: {
        schemes: [scheme('S', [indicator('I', 'M')], { onAccount: { schedule: 'monthly', percent: '100' } })],
      },
    });
    const result = await evaluate(m, { aggregates: WORKED }, { asOf: END });
    const onAccount = result.lines.filter((l) => l.kind === 'on-account');
    expect(onAccount).toHaveLength(12);
    expect(onAccount.reduce((s, l) => s + l.pence, 0n)).toBe(50_000_000n);
    expect(result.lines.find((l) => l.kind === 'reconciliation')?.pence).toBe(26_562_500n - 50_000_000n);
  });
});
