import { describe, expect, test } from 'vitest';
import { type ContractModel, evaluatePosition, feedMonthProblem, positionFor } from '../src/index.js';
import { counts, model, proportion } from './model-builder.js';

const here = { file: 'test.parity', line: 1, column: 1, endLine: 1, endColumn: 1 };
const source = { version: 1, submissions: [] };

/** One provider monitored on M (lower is better) against 5% below its 2025/26 figure. */
function monitored(target: ContractModel['contract']['monitors'][number]): ContractModel {
  return model({
    measures: [proportion('M', { direction: 'lower', period: { kind: 'year-to-date' } })],
    contract: { arrangements: ['block'], monitors: [target] },
  });
}

const fivePercentBelow2025 = {
  measure: 'M',
  target: { kind: 'percent' as const, percent: '5' },
  baseline: { direction: 'below' as const, from: { kind: 'year' as const, year: '2025/26' } },
  location: here,
};

async function monitorFor(
  aggregates: ReturnType<typeof counts>,
  target: ContractModel['contract']['monitors'][number] = fivePercentBelow2025,
) {
  const position = await evaluatePosition(monitored(target), { aggregates }, { asOf: '2027-04-30' });
  const [monitor] = positionFor(position, source).monitors;
  return monitor;
}

describe('targets on a baseline', () => {
  // 2025/26: 300 of 1,000 = 30%; 5% below is at most 30% × 95% = 28.5% exactly (in floating point
  // 0.3 × 0.95 is 0.28499999999999998, which 28.5% would fail).
  test('a figure exactly at the relative target meets it, and one case more does not', async () => {
    const met = await monitorFor(counts('M', { '2025/26': [300, 1000], '2026/27': [285, 1000] }));
    expect(met).toMatchObject({ target: '5% below baseline 2025/26', met: true });
    expect(met?.baseline).toMatchObject({ status: 'compared', baseline: '0.300000', required: '0.285000' });
    expect(met?.baseline?.explanation).toBe(
      'Target 5% below baseline 2025/26: baseline 2025/26 30.00%, so at most 28.50%; 2026/27 28.50%, down 1.50 percentage points (-5.00%): met.',
    );
    const missed = await monitorFor(counts('M', { '2025/26': [300, 1000], '2026/27': [286, 1000] }));
    expect(missed).toMatchObject({ met: false });
  });

  test('a baseline year with too few to score is no baseline, and says why', async () => {
    // 2025/26: 3 of 8, under the minimum denominator of 10.
    const monitor = await monitorFor(counts('M', { '2025/26': [3, 8], '2026/27': [285, 1000] }));
    expect(monitor?.met).toBeUndefined();
    expect(monitor?.status).toBe('no-baseline');
    expect(monitor?.baseline?.explanation).toBe(
      'No baseline for 5% below baseline 2025/26: M title has insufficient data for 2025/26.',
    );
  });

  test('an absolute target above a declared baseline', async () => {
    // Declared 40%; 0.1 above is at least 0.4 + 0.1 = 0.5: 50 of 100 meets it exactly.
    const monitor = await monitorFor(counts('M', { '2026/27': [50, 100] }), {
      measure: 'M',
      target: { kind: 'number', value: '0.1' },
      baseline: { direction: 'above', from: { kind: 'value', value: { kind: 'percent', percent: '40' } } },
      location: here,
    });
    expect(monitor).toMatchObject({ target: '0.1 above baseline 40%', met: true });
    expect(monitor?.baseline?.required).toBe('0.500000');
  });
});

describe('the months a feed may be sent for', () => {
  const withBaseline = monitored(fivePercentBelow2025);
  const without = monitored({ ...fivePercentBelow2025, baseline: undefined });

  test('are the term and the baseline year a target names, once begun', () => {
    expect(feedMonthProblem(withBaseline, '2026-05', '2026-11-20')).toBeUndefined();
    expect(feedMonthProblem(withBaseline, '2025-06', '2026-11-20')).toBeUndefined();
    expect(feedMonthProblem(without, '2025-06', '2026-11-20')).toContain('outside the contract term');
    expect(feedMonthProblem(withBaseline, '2026-12', '2026-11-20')).toContain('has not begun');
  });
});
