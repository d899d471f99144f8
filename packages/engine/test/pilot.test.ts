import { expect, test } from 'vitest';
import { type ContractModel, evaluate } from '../src/index.js';
import { counts, model, proportion } from './model-builder.js';

const here = { file: 'test.parity', line: 1, column: 1, endLine: 1, endColumn: 1 };

/** A pilot reviewed on 2027-03-01 on one outcome, M at least 60%. */
function pilot(review?: string): ContractModel {
  return model({
    measures: [proportion('M', { period: { kind: 'year-to-date' } })],
    contract: {
      arrangements: ['pilot'],
      pilot: {
        review,
        outcomes: [{ measure: 'M', target: { kind: 'percent', percent: '60' } }],
        continueIf: { kind: 'all' },
        location: here,
      },
    },
  });
}

// 70 of 100 = 70%, at least 60%: met on the data so far.
const observations = { aggregates: counts('M', { '2026-04': [70, 100] }) };

test('before its review date a pilot awaits review, whatever the outcomes so far', async () => {
  const { pilot: result } = await evaluate(pilot('2027-03-01'), observations, { asOf: '2026-12-04' });
  expect(result).toMatchObject({ review: '2027-03-01', decision: 'pending' });
  expect(result?.continues).toBeUndefined();
  expect(result?.outcomes.map((o) => o.met)).toEqual([true]);
});

test('on its review date it is decided on the outcomes as they stand', async () => {
  const { pilot: met } = await evaluate(pilot('2027-03-01'), observations, { asOf: '2027-03-01' });
  expect(met).toMatchObject({ decision: 'continues', continues: true });
  // 50 of 100 = 50%, under 60%: the pilot ends.
  const short = { aggregates: counts('M', { '2026-04': [50, 100] }) };
  const { pilot: missed } = await evaluate(pilot('2027-03-01'), short, { asOf: '2027-03-01' });
  expect(missed).toMatchObject({ decision: 'ends', continues: false });
});

test('without a review date it is decided the day after its term', async () => {
  expect((await evaluate(pilot(), observations, { asOf: '2027-03-31' })).pilot?.decision).toBe('pending');
  expect((await evaluate(pilot(), observations, { asOf: '2027-04-01' })).pilot).toMatchObject({
    review: '2027-04-01',
    decision: 'continues',
  });
});
