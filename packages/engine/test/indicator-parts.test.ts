import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { contractStakes, evaluate, type Indicator, type IndicatorPart } from '../src/index.js';
import { counts, indicator, model, proportion, scheme } from './model-builder.js';

const here = { file: 'test.parity', line: 1, column: 1, endLine: 1, endColumn: 1 };

function part(name: string, measure: string, sharePercent: string): IndicatorPart {
  return {
    name,
    sharePercent,
    measure,
    rule: {
      kind: 'linear',
      from: { kind: 'percent', percent: '40' },
      to: { kind: 'percent', percent: '80' },
    },
    quarterRules: [],
    location: here,
  };
}

function inParts(shares: [string, string], worthPence: bigint) {
  const parted: Indicator = {
    ...indicator('Whole', 'A'),
    measure: undefined,
    rule: undefined,
    parts: [part('PartA', 'A', shares[0]), part('PartB', 'B', shares[1])],
  };
  return model({
    measures: [proportion('A'), proportion('B')],
    contract: {
      schemes: [scheme('S', [parted], { worth: { kind: 'money', pence: worthPence.toString() } })],
    },
  });
}

const QUARTERS = ['Q1', 'Q2', 'Q3', 'Q4'].map((q) => `2026/27 ${q}`);
const everyQuarter = (numerator: number, denominator: number) =>
  Object.fromEntries(QUARTERS.map((q) => [q, [numerator, denominator] as [number, number]]));

describe('an indicator in parts', () => {
  test('pays each part its own attainment on its share, and the parts sum to the indicator in full', async () => {
    // £1,000 in parts of 80% (£800, £200 a quarter) and 20% (£200, £50 a quarter).
    const built = inParts(['80', '20'], 100_000n);
    const result = await evaluate(
      built,
      {
        aggregates: [
          ...counts('A', { '2026/27 Q1': [60, 100] }),
          ...counts('B', { '2026/27 Q1': [80, 100] }),
        ],
      },
      { asOf: '2026-07-31' },
    );
    const q1 = result.lines.filter((l) => l.period === '2026/27 Q1');
    // A at 60% on 40%→80%: 1/2 × 20,000p = 10,000p; B at 80%: all of 5,000p.
    expect(Object.fromEntries(q1.map((l) => [l.clause, l.pence]))).toEqual({ PartA: 10_000n, PartB: 5_000n });
  });

  test('never loses or adds a penny: parts in full pay exactly what the scheme is worth', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.bigInt({ min: 0n, max: 10n ** 10n }),
        fc.integer({ min: 1, max: 99 }),
        async (worth, share) => {
          const built = inParts([String(share), String(100 - share)], worth);
          const result = await evaluate(
            built,
            { aggregates: [...counts('A', everyQuarter(90, 100)), ...counts('B', everyQuarter(90, 100))] },
            { asOf: '2027-04-30' },
          );
          expect(result.lines.reduce((sum, l) => sum + l.pence, 0n)).toBe(worth);
          // The valuation the editor shows agrees: the indicator is worth what its parts are.
          const stakes = contractStakes(built);
          const whole = stakes.find((s) => s.clause === 'Whole')?.pence;
          const parts = stakes.filter((s) => s.clause.startsWith('Part')).map((s) => s.pence ?? 0n);
          expect(whole).toBe(worth);
          expect(parts.reduce((a, b) => a + b, 0n)).toBe(worth);
        },
      ),
      { numRuns: 50 },
    );
  });
});
