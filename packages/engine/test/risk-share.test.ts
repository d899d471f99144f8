import { describe, expect, test } from 'vitest';
import { evaluate, type Measure, periods } from '../src/index.js';
import { counts, model, proportion, riskShare } from './model-builder.js';

const END = '2027-04-01';
const outturn: Measure = proportion('Outturn', {
  scoring: { kind: 'reported-value' },
  direction: 'lower',
  period: { kind: 'year-to-date' },
  minimumDenominator: undefined,
});
const spend = (pounds: number) => [
  { measure: 'Outturn', provider: '*', period: '2026/27', pence: String(pounds * 100) },
];
const qualityMeasures = Array.from({ length: 10 }, (_, i) => proportion(`Q${i + 1}`));
const monitors = qualityMeasures.map((m) => ({
  measure: m.name,
  target: { kind: 'percent' as const, percent: '75' },
  location: { file: 't', line: 1, column: 1, endLine: 1, endColumn: 1 },
}));
const quality = (met: number) =>
  qualityMeasures.flatMap((m, i) => counts(m.name, { '2026/27': [i < met ? 80 : 60, 100] }));
const twoProviders = [
  { role: 'commissioner' as const, organisation: 'test.Icb', ods: 'QAA', location: monitors[0]!.location },
  {
    role: 'provider' as const,
    organisation: 'test.Trust',
    ods: 'RAA',
    valuePence: '300000000',
    location: monitors[0]!.location,
  },
  {
    role: 'provider' as const,
    organisation: 'test.Acute',
    ods: 'RAB',
    valuePence: '700000000',
    location: monitors[0]!.location,
  },
];

function alliance(overrides: Parameters<typeof riskShare>[0] = {}) {
  const gate = {
    required: 8,
    measures: qualityMeasures.map((m) => m.name),
    otherwisePercent: '50',
    order: 'after-cap' as const,
  };
  return model({
    measures: [outturn, ...qualityMeasures],
    contract: {
      arrangements: ['alliance'],
      parties: twoProviders,
      monitors,
      riskShares: [riskShare({ qualityGate: gate, ...overrides })],
    },
  });
}

describe('risk and gain shares', () => {
  test('caps the alliance gain at 2% of budget: £1.0m', async () => {
    const result = await evaluate(
      alliance(),
      { aggregates: [...spend(47_000_000), ...quality(10)] },
      { asOf: END },
    );
    expect(result.riskShares[0]).toMatchObject({
      side: 'gain',
      variancePence: 300_000_000n,
      providersPence: 100_000_000n,
      commissionerPence: 200_000_000n,
    });
  });

  test('halves the capped gain when the quality gate is shut: £0.5m', async () => {
    const result = await evaluate(
      alliance(),
      { aggregates: [...spend(47_000_000), ...quality(7)] },
      { asOf: END },
    );
    expect(result.riskShares[0]?.providersPence).toBe(50_000_000n);
    expect(result.riskShares[0]?.steps.join(' ')).toContain('7 of 10 measures met, 8 needed');
  });

  test('collars the alliance loss at 1% of budget: providers bear £0.5m', async () => {
    const result = await evaluate(alliance(), { aggregates: spend(53_000_000) }, { asOf: END });
    expect(result.riskShares[0]).toMatchObject({
      side: 'loss',
      providersPence: -50_000_000n,
      commissionerPence: -250_000_000n,
    });
  });

  test('leaves a cap that does not bind alone', async () => {
    const result = await evaluate(
      alliance(),
      { aggregates: [...spend(49_500_000), ...quality(10)] },
      { asOf: END },
    );
    expect(result.riskShares[0]?.providersPence).toBe(25_000_000n);
    expect(result.riskShares[0]?.steps.join(' ')).toContain('does not bind');
  });

  test('divides the provider side pro rata to value, parts summing to the whole', async () => {
    const result = await evaluate(
      alliance({ cap: undefined }),
      { aggregates: [...spend(49_999_999), ...quality(10)] },
      { asOf: END },
    );
    const parts = result.lines.filter((l) => l.kind === 'risk-share' && l.provider !== '*');
    expect(parts.map((l) => l.provider)).toEqual(['RAA', 'RAB']);
    expect(parts.reduce((s, l) => s + l.pence, 0n)).toBe(result.riskShares[0]?.providersPence);
  });

  test('shares nothing inside a deadband and only the excess beyond it', async () => {
    const deadband = [
      {
        kind: 'deadband' as const,
        side: 'both' as const,
        amount: { kind: 'percent' as const, percent: '1', base: 'budget' as const },
      },
    ];
    const inside = await evaluate(
      alliance({ thresholds: deadband }),
      { aggregates: [...spend(49_700_000), ...quality(10)] },
      { asOf: END },
    );
    expect(inside.riskShares[0]?.providersPence).toBe(0n);
    const beyond = await evaluate(
      alliance({ thresholds: deadband, cap: undefined }),
      { aggregates: [...spend(49_000_000), ...quality(10)] },
      { asOf: END },
    );
    expect(beyond.riskShares[0]?.providersPence).toBe(25_000_000n);
  });

  test('shares from the first pound once a minimum savings rate is reached (MSSP)', async () => {
    const minimum = [
      {
        kind: 'minimum' as const,
        side: 'gain' as const,
        amount: { kind: 'percent' as const, percent: '2', base: 'budget' as const },
      },
    ];
    const below = await evaluate(
      alliance({ thresholds: minimum, cap: undefined }),
      { aggregates: [...spend(49_100_000), ...quality(10)] },
      { asOf: END },
    );
    expect(below.riskShares[0]?.providersPence).toBe(0n);
    const above = await evaluate(
      alliance({ thresholds: minimum, cap: undefined }),
      { aggregates: [...spend(48_000_000), ...quality(10)] },
      { asOf: END },
    );
    expect(above.riskShares[0]?.providersPence).toBe(100_000_000n);
  });

  test('gives providers their band percentage of each slice of a gain', async () => {
    const gain = [
      {
        upTo: { kind: 'percent' as const, percent: '2', base: 'budget' as const },
        providersPercent: '50',
        commissionerPercent: '50',
      },
      { providersPercent: '0', commissionerPercent: '100' },
    ];
    const result = await evaluate(
      alliance({ gain, cap: undefined }),
      { aggregates: [...spend(47_000_000), ...quality(10)] },
      { asOf: END },
    );
    expect(result.riskShares[0]?.providersPence).toBe(50_000_000n);
  });

  test('scales a gain by a quality score before the cap', async () => {
    const score = proportion('Score', { period: { kind: 'year-to-date' } });
    const m = alliance({
      qualityGate: undefined,
      qualityModifier: { measure: 'Score', order: 'before-cap' },
      cap: { kind: 'percent', percent: '10', base: 'budget' },
    });
    m.measures.push(score);
    const result = await evaluate(
      m,
      { aggregates: [...spend(47_000_000), ...counts('Score', { '2026/27': [90, 100] })] },
      { asOf: END },
    );
    expect(result.riskShares[0]?.providersPence).toBe(135_000_000n);
  });
});

describe('limits chosen from several amounts, and splits', () => {
  const percent = (p: string) => ({ kind: 'percent' as const, percent: p, base: 'budget' as const });
  const money = (pence: string) => ({ kind: 'money' as const, pence });

  test('limits a loss to the lesser of 5% of budget and £1m, naming both and the one that binds', async () => {
    // Budget £50m, outturn £60m: loss £10m, providers 50% = £5m; lesser of £2.5m and £1m = £1m.
    const result = await evaluate(
      alliance({ collar: { kind: 'lesser-of', amounts: [percent('5'), money('100000000')] } }),
      { aggregates: spend(60_000_000) },
      { asOf: END },
    );
    expect(result.riskShares[0]?.providersPence).toBe(-100_000_000n);
    expect(result.riskShares[0]?.steps).toContain(
      'collar at lesser of (5% of budget = £2,500,000.00, £1,000,000.00): the lesser is £1,000,000.00, which binds',
    );
  });

  test('caps a gain at the greater of 1% of budget and £200,000', async () => {
    // Budget £50m, outturn £47m: gain £3m, providers 50% = £1.5m; greater of £500,000 and £200,000.
    const result = await evaluate(
      alliance({ cap: { kind: 'greater-of', amounts: [percent('1'), money('20000000')] } }),
      { aggregates: [...spend(47_000_000), ...quality(10)] },
      { asOf: END },
    );
    expect(result.riskShares[0]?.providersPence).toBe(50_000_000n);
    expect(result.riskShares[0]?.steps.join('; ')).toContain(
      'the greater is 1% of budget = £500,000.00, which binds',
    );
  });

  test('divides equally, the odd penny to the provider listed first', async () => {
    // Budget £50m, outturn £49,999,000.01: gain 99,999p, all the providers'; halves of 49,999½p:
    // 49,999p each and the penny left, a tie, to the first listed (RAA).
    const result = await evaluate(
      alliance({
        cap: undefined,
        gain: [{ providersPercent: '100', commissionerPercent: '0' }],
        providerSplit: { basis: 'equal' },
      }),
      {
        aggregates: [
          { measure: 'Outturn', provider: '*', period: '2026/27', pence: '4999900001' },
          ...quality(10),
        ],
      },
      { asOf: END },
    );
    const parts = result.lines.filter((l) => l.kind === 'risk-share' && l.provider !== '*');
    expect(parts.map((l) => [l.provider, l.pence])).toEqual([
      ['RAA', 50_000n],
      ['RAB', 49_999n],
    ]);
  });

  test('divides by fractions, the pennies to the largest remainders in the order listed', async () => {
    // Gain £1,000 (100,000p), all the providers': 2/3 = 66,666⅔p and 1/3 = 33,333⅓p; the penny
    // left goes to the larger remainder, Acute's two thirds → 66,667p and 33,333p.
    const result = await evaluate(
      alliance({
        cap: undefined,
        gain: [{ providersPercent: '100', commissionerPercent: '0' }],
        providerSplit: {
          basis: 'fixed',
          shares: [
            { organisation: 'test.Acute', fraction: '2/3' },
            { organisation: 'test.Trust', fraction: '1/3' },
          ],
        },
      }),
      { aggregates: [...spend(49_999_000), ...quality(10)] },
      { asOf: END },
    );
    const parts = result.lines.filter((l) => l.kind === 'risk-share' && l.provider !== '*');
    expect(parts.map((l) => [l.provider, l.pence])).toEqual([
      ['RAA', 33_333n],
      ['RAB', 66_667n],
    ]);
  });
});

describe('a risk share part way through the year', () => {
  const MID_YEAR = '2026-10-15';
  const monthly = (pounds: number, months: string[]) =>
    months.map((period) => ({ measure: 'Outturn', provider: '*', period, pence: String(pounds * 100) }));
  const APRIL_TO_SEPTEMBER = periods.monthRange('2026-04', '2026-09');

  test('carries six months of spend forward at the same rate, instead of setting it against the whole budget', async () => {
    // £4.1m a month is £49.2m for the year: £0.8m under the £50m budget, half of it the providers'.
    const result = await evaluate(
      alliance(),
      { aggregates: [...monthly(4_100_000, APRIL_TO_SEPTEMBER), ...quality(10)] },
      { asOf: MID_YEAR },
    );
    expect(result.riskShares[0]).toMatchObject({
      side: 'gain',
      variancePence: 80_000_000n,
      providersPence: 40_000_000n,
    });
    const total = result.lines.find((l) => l.kind === 'risk-share' && l.provider === '*');
    expect(total?.provisional).toBe(true);
    expect(total?.trace.text).toContain(
      'outturn £24,600,000.00 for 6 months, at that rate £49,200,000.00 for the year (provisional; months to come: 2026-10 to 2027-03)',
    );
  });

  test('compared with the budget for the months reported: six months of spend meet half the budget', async () => {
    // Budget £50m × 6/12 = £25m; spend £4.1m × 6 = £24.6m; gain £0.4m, half the providers' = £0.2m.
    // The cap, 2% of the £25m compared, is £0.5m and does not bind.
    const result = await evaluate(
      alliance({ partYear: 'months-reported' }),
      { aggregates: [...monthly(4_100_000, APRIL_TO_SEPTEMBER), ...quality(10)] },
      { asOf: MID_YEAR },
    );
    expect(result.riskShares[0]).toMatchObject({
      side: 'gain',
      variancePence: 40_000_000n,
      providersPence: 20_000_000n,
    });
    const lines = result.lines.filter((l) => l.kind === 'risk-share');
    expect(lines.every((l) => l.provisional)).toBe(true);
    expect(lines[0]?.trace.text).toContain(
      'budget £50,000,000.00 × 6/12 for the 6 months reported = £25,000,000.00 (provisional; months to come: 2026-10 to 2027-03)',
    );
  });

  test('a year with months missing stays provisional after the year end, and says which', async () => {
    const months = periods.monthRange('2026-04', '2026-10');
    const result = await evaluate(
      alliance({ partYear: 'months-reported' }),
      { aggregates: [...monthly(4_100_000, months), ...quality(10)] },
      { asOf: '2027-05-31' },
    );
    const total = result.lines.find((l) => l.kind === 'risk-share' && l.provider === '*');
    expect(total?.provisional).toBe(true);
    expect(total?.trace.text).toContain('months to come: 2026-11 to 2027-03');
  });

  test("counts a quarter's return as three months", async () => {
    const aggregates = [
      { measure: 'Outturn', provider: '*', period: '2026/27 Q1', pence: String(12_300_000 * 100) },
      ...monthly(4_100_000, ['2026-07']),
      ...quality(10),
    ];
    const result = await evaluate(alliance(), { aggregates }, { asOf: MID_YEAR });
    expect(result.riskShares[0]).toMatchObject({ variancePence: 80_000_000n });
  });

  test('sets a whole year of monthly spend against the budget as it is, and is no longer provisional', async () => {
    const year = periods.monthRange('2026-04', '2027-03');
    const result = await evaluate(
      alliance(),
      { aggregates: [...monthly(4_100_000, year), ...quality(10)] },
      { asOf: END },
    );
    expect(result.riskShares[0]).toMatchObject({ variancePence: 80_000_000n });
    const total = result.lines.find((l) => l.kind === 'risk-share' && l.provider === '*');
    expect(total?.provisional).toBe(false);
    expect(total?.trace.text).not.toContain('at that rate');
  });
});

describe('a quality gate on a measure each provider is accountable for', () => {
  const perProvider = (organisation: string) => ({ ...monitors[0]!, accountable: organisation });
  const gated = () =>
    model({
      measures: [outturn, ...qualityMeasures],
      contract: {
        arrangements: ['alliance'],
        parties: twoProviders,
        monitors: [perProvider('test.Trust'), perProvider('test.Acute')],
        riskShares: [
          riskShare({
            qualityGate: { required: 1, measures: ['Q1'], otherwisePercent: '50', order: 'after-cap' },
          }),
        ],
      },
    });
  const q1 = (provider: string, numerator: number) => ({
    measure: 'Q1',
    provider,
    period: '2026/27',
    numerator: String(numerator),
    denominator: '100',
  });

  test('is open when every accountable provider meets it on its own figure', async () => {
    const result = await evaluate(
      gated(),
      { aggregates: [...spend(47_000_000), q1('RAA', 80), q1('RAB', 76)] },
      { asOf: END },
    );
    expect(result.riskShares[0]?.providersPence).toBe(100_000_000n);
  });

  test('is shut when one of them misses, whichever monitor is written first', async () => {
    const result = await evaluate(
      gated(),
      { aggregates: [...spend(47_000_000), q1('RAA', 80), q1('RAB', 60)] },
      { asOf: END },
    );
    // The capped £1.0m halved: RAB's 60% is short of 75%, though RAA's 80% is not.
    expect(result.riskShares[0]?.providersPence).toBe(50_000_000n);
  });
});
