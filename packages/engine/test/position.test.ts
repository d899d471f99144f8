import { describe, expect, test } from 'vitest';
import { evaluateInContext, indicatorPositions, type Observations, whatIf } from '../src/index.js';
import { indicator, model, scheme } from './model-builder.js';

const monthly = (rows: Array<[string, number, number]>) =>
  rows.map(([period, n, d]) => ({
    measure: 'M',
    provider: 'RAA',
    period,
    numerator: String(n),
    denominator: String(d),
  }));

const positionsOf = async (observations: Observations, asOf: string) =>
  indicatorPositions((await evaluateInContext(annual, observations, { asOf })).context, asOf);

const annual = model({
  contract: { schemes: [scheme('S', [indicator('I', 'M')], { assessment: 'annually' })] },
});

describe('positions', () => {
  test('forecasts the year end from the run rate and says what each threshold still needs', async () => {
    const observations = {
      aggregates: monthly([
        ['2026-04', 50, 100],
        ['2026-05', 60, 100],
        ['2026-06', 70, 100],
      ]),
    };
    const [position] = await positionsOf(observations, '2026-07-15');
    expect(position?.yearToDate).toEqual({ numerator: 180n, denominator: 300n, score: '60.0%' });
    expect(position?.forecast).toMatchObject({
      denominator: 1200n,
      score: '60.0%',
      attainment: '0.5000',
      pence: 25_000_000n,
    });
    // 40% of 1,200 = 480, already passed; 80% of 1,200 = 960, so 960 − 180 = 780 more in 9 months.
    expect(position?.needs).toEqual([
      { threshold: '40%', neededNumerator: 300n, remainingMonths: 9 },
      { threshold: '80%', neededNumerator: 780n, remainingMonths: 9 },
    ]);
    // Already above 40%, so the 900 cases to come need only 300 that meet to stay there.
    expect(position?.text).toContain(
      'on course for 40%: 300 of the about 900 cases still to come in 9 months keep it there; 780 of the about 900 cases still to come in 9 months to reach 80%',
    );
  });

  test('a threshold the cases still to come cannot reach is said to be out of reach', async () => {
    // 9 months at 10/100: 90 of 900, projected 1,200, 300 to come; 80% of 1,200 = 960, 870 more.
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
    ];
    const [position] = await positionsOf(
      { aggregates: monthly(months.map((m) => [m, 10, 100] as [string, number, number])) },
      '2027-01-10',
    );
    expect(position?.text).toContain(
      '80% out of reach at this volume (it would take 870 of the about 300 cases',
    );
  });

  test('a year-to-date return given for the year stands as the year so far', async () => {
    const cumulative = model({
      contract: { schemes: [scheme('S', [indicator('I', 'M')], { assessment: 'annually' })] },
    });
    cumulative.returns = [
      {
        name: 'Returns',
        title: 'Returns',
        overTime: { meaning: 'cumulative' },
        location: cumulative.contract.location,
      },
    ];
    const observations = {
      aggregates: [{ measure: 'M', provider: 'RAA', period: '2026/27', numerator: '62', denominator: '100' }],
    };
    const { context } = await evaluateInContext(cumulative, observations, { asOf: '2026-11-15' });
    const [position] = indicatorPositions(context, '2026-11-15');
    expect(position?.yearToDate).toEqual({ numerator: 62n, denominator: 100n, score: '62.0%' });
    // 80% of 100 is 80: 18 more of the same 100.
    expect(position?.text).toContain('at the year-to-date return for 2026/27');
    expect(position?.text).toContain('18 more of the 100 to reach 80%');
  });

  test('a quarterly scheme forecasts the quarters earned plus those to come, not the year afresh', async () => {
    // Worth £500,000 (the indicator's whole share), linear 40%–80%, a quarter earning a quarter.
    // Q1 100/100 a month (attainment 1: £125,000 earned); Q2 40/100 (attainment 0: £0).
    // Year to date 420/600 = 70% → attainment 0.75: Q3 and Q4 at this rate, 2 × 0.75 × £125,000.
    // Forecast £125,000 + £0 + £187,500 = £312,500 (the year's 70% applied afresh would say £375,000).
    const quarterly = model({ contract: { schemes: [scheme('S', [indicator('I', 'M')])] } });
    const observations = {
      aggregates: monthly([
        ['2026-04', 100, 100],
        ['2026-05', 100, 100],
        ['2026-06', 100, 100],
        ['2026-07', 40, 100],
        ['2026-08', 40, 100],
        ['2026-09', 40, 100],
      ]),
    };
    const asOf = '2026-10-15';
    const { context, result } = await evaluateInContext(quarterly, observations, { asOf });
    const [position] = indicatorPositions(context, asOf, result.lines);
    expect(position?.forecast?.pence).toBe(31_250_000n);
    expect(position?.text).toContain('£125,000.00 earned in Q1, Q2 and £187,500.00 at this rate in Q3, Q4');
  });

  test('says plainly when there is no run rate yet', async () => {
    const [position] = await positionsOf({ aggregates: [] }, '2026-04-20');
    expect(position?.text).toContain('no monthly returns yet');
  });

  test('shows the money move when an achievement changes', async () => {
    const quarterly = model({ contract: { schemes: [scheme('S', [indicator('I', 'M')])] } });
    const base = {
      aggregates: [
        { measure: 'M', provider: 'RAA', period: '2026/27 Q1', numerator: '180', denominator: '400' },
      ],
    };
    const result = await whatIf(
      quarterly,
      base,
      [{ measure: 'M', provider: 'RAA', period: '2026/27 Q1', numerator: '240', denominator: '400' }],
      { asOf: '2027-04-01' },
    );
    expect(result.changes).toEqual([
      { clause: 'I', period: '2026/27 Q1', provider: 'RAA', beforePence: 1_562_500n, afterPence: 6_250_000n },
    ]);
  });
});
