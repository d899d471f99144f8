import { describe, expect, test } from 'vitest';
import { evaluateInContext, type Measure, type RecordRow } from '../src/index.js';
import { dataset, isTrue, measure, model } from './helpers/record-model.js';

const cases = dataset('Cases', {
  person: 'pseudonym',
  eligible: 'boolean',
  met: 'boolean?',
  ethnicity: 'code?',
});

const base = {
  denominator: isTrue('eligible'),
  numerator: isTrue('met'),
  stratifiedBy: 'ethnicity',
  stratumMinimumDenominator: 3,
  period: { kind: 'year-to-date' as const },
};

/** `met` of `people` in a group, as rows of May. */
function group(ethnicity: string, people: number, met: number): RecordRow[] {
  return Array.from({ length: people }, (_, i) => ({
    provider: 'RX4',
    month: '2026-05',
    person: `${ethnicity}${i}`,
    eligible: true,
    met: i < met,
    ethnicity,
  }));
}

async function scoreOf(scoring: Measure['scoring'], rows: RecordRow[]) {
  const gap = measure('Gap', 'Cases', { ...base, scoring });
  const { context } = await evaluateInContext(
    model([cases], [gap]),
    { records: { Cases: rows } },
    { asOf: '2027-04-30' },
  );
  return context.measureResult('Gap', 'RX4', { kind: 'year', year: '2026/27' });
}

const acrossStrata = (form: 'gap' | 'ratio') =>
  ({ kind: 'parity', between: { kind: 'best-and-worst' }, form }) as const;

describe('parity between groups', () => {
  test('the gap is the highest group less the lowest, exactly, and names both', async () => {
    // A 2 of 3 = 2/3; B 1 of 3 = 1/3; gap 1/3 exactly (0.333… never rounded before comparing).
    const result = await scoreOf(acrossStrata('gap'), [...group('A', 3, 2), ...group('B', 3, 1)]);
    expect(result.value).toEqual({ n: 1n, d: 3n });
    expect(result.trace.text).toContain(
      'gap of 33.33 percentage points by ethnicity: highest A 66.67% (2 of 3) less lowest B 33.33% (1 of 3)',
    );
  });

  test('with one group left above the minimum there is nothing to compare: insufficient data', async () => {
    // B has 2 people, under the stratum minimum of 3.
    const result = await scoreOf(acrossStrata('gap'), [...group('A', 3, 2), ...group('B', 2, 1)]);
    expect(result.status).toBe('insufficient-data');
    expect(result.value).toBeUndefined();
    expect(result.trace.text).toContain(
      'fewer than two ethnicity groups with enough data to compare; B left out',
    );
  });

  test('a ratio over a group at 0% cannot be taken: insufficient data, not infinity or zero', async () => {
    // Ratio is lowest over highest; here the highest is 0% too.
    const result = await scoreOf(acrossStrata('ratio'), [...group('A', 3, 0), ...group('B', 3, 0)]);
    expect(result.status).toBe('insufficient-data');
  });

  test('a named group against the rest: the rest is everyone outside the group', async () => {
    // B 1 of 3 against the rest: A and C together, (2 + 3) of (3 + 4) = 5/7; ratio (1/3)/(5/7) = 7/15.
    const result = await scoreOf(
      { kind: 'parity', between: { kind: 'group-and-rest', group: 'B' }, form: 'ratio' },
      [...group('A', 3, 2), ...group('B', 3, 1), ...group('C', 4, 3)],
    );
    expect(result.value).toEqual({ n: 7n, d: 15n });
    expect(result.trace.text).toContain(
      'ratio 0.467 by ethnicity: B 33.33% (1 of 3) over the rest 71.43% (5 of 7)',
    );
  });
});
