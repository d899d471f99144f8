import { describe, expect, test } from 'vitest';
import {
  type ContractModel,
  evaluate,
  evaluatePosition,
  statementFor,
  withFlowDownMemoranda,
} from '../src/index.js';
import { counts, indicator, model, proportion, scheme } from './model-builder.js';

const END = '2027-04-30';
const here = { file: 'test.parity', line: 1, column: 1, endLine: 1, endColumn: 1 };

/** A prime (RAA) withholding £100,000 on one indicator, linear 40%→80% on the year's rate. */
function prime(): ContractModel {
  const base = model({ measures: [proportion('M', { period: { kind: 'year-to-date' } })] });
  return model({
    measures: base.measures,
    contract: {
      name: 'test.Prime',
      arrangements: ['prime-provider'],
      parties: [
        { role: 'commissioner', organisation: 'test.Icb', ods: 'QAA', location: here },
        { role: 'prime', organisation: 'test.Trust', ods: 'RAA', location: here },
        { role: 'subcontractor', organisation: 'test.Acute', ods: 'RAB', location: here },
      ],
      schemes: [
        scheme('W', [indicator('I', 'M')], {
          kind: 'withhold',
          assessment: 'annually',
          worth: { kind: 'money', pence: '10000000' },
        }),
      ],
    },
  });
}

/** Its sub-contract: RAB receives 40% of what the prime earns on I. */
function subContract(): ContractModel {
  return model({
    contract: {
      name: 'test.Sub',
      arrangements: ['sub-contract'],
      parent: 'test.Prime',
      parties: [
        { role: 'commissioner', organisation: 'test.Icb', ods: 'QAA', location: here },
        { role: 'prime', organisation: 'test.Trust', ods: 'RAA', location: here },
        { role: 'subcontractor', organisation: 'test.Acute', ods: 'RAB', location: here },
      ],
      flowDown: [{ indicator: 'I', sharePercent: '40' }],
    },
  });
}

describe("a sub-contract's flow-down", () => {
  // The prime's year: 70 of 100 = 70% -> (70 - 40) / (80 - 40) = 0.75 -> 0.75 x £100,000 = £75,000.
  // 40% of £75,000 = £30,000.
  test("reads the prime's evaluated result, not the data sent to the sub-contract", async () => {
    const primeResult = await evaluate(
      prime(),
      { aggregates: counts('M', { '2026/27': [70, 100] }) },
      { asOf: END },
    );
    expect(primeResult.lines.find((l) => l.clause === 'I')?.pence).toBe(7_500_000n);
    // A different copy of the return sent to the sub-contract (90 of 100) changes nothing.
    const sub = await evaluate(
      subContract(),
      { aggregates: counts('M', { '2026/27': [90, 100] }) },
      { asOf: END, prime: primeResult },
    );
    const flow = sub.lines.find((l) => l.kind === 'flow-down');
    expect(flow).toMatchObject({ clause: 'I', provider: 'RAB', period: '2026/27', pence: 3_000_000n });
    expect(flow?.trace.text).toContain('40% of the £75,000.00 the prime earns = £30,000.00');
  });

  test("is refused when the prime's result is for another year", async () => {
    const primeResult = await evaluate(prime(), {}, { asOf: END });
    await expect(
      evaluate(subContract(), {}, { asOf: END, prime: { ...primeResult, year: '2027/28' } }),
    ).rejects.toMatchObject({ code: 'missing-parent' });
  });
});

describe("the prime's memoranda", () => {
  test('show what flows down to the sub-contractor and what the prime keeps, outside every total', async () => {
    const observations = { aggregates: counts('M', { '2026/27': [70, 100] }) };
    const primePosition = await evaluatePosition(prime(), observations, { asOf: END });
    const sub = await evaluate(subContract(), {}, { asOf: END, prime: primePosition.result });
    const source = { version: 2, submissions: [] };
    const shown = withFlowDownMemoranda(primePosition, source, [
      { contract: 'test.Sub', version: 1, lines: sub.lines.filter((l) => l.kind === 'flow-down') },
    ]);
    const statement = statementFor(shown, source);
    const memoranda = statement.lines.filter((l) => l.kind === 'flows-down' || l.kind === 'kept');
    // £75,000 earned: £30,000 flows down to RAB, RAA keeps £45,000.
    expect(memoranda.map((l) => [l.kind, l.provider, l.pence, l.version])).toEqual([
      ['flows-down', 'RAB', '3000000', 2],
      ['kept', 'RAA', '4500000', 2],
    ]);
    expect(statement.earnedPence).toBe(statementFor(primePosition, source).earnedPence);
    expect(statement.totalsByKind).not.toHaveProperty('kept');
  });
});
