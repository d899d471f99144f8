import { describe, expect, test } from 'vitest';
import { type ContractModel, evaluatePosition, positionFor } from '../src/index.js';
import { counts, model, proportion } from './model-builder.js';

const END = '2027-04-30';
const here = { file: 'test.parity', line: 1, column: 1, endLine: 1, endColumn: 1 };
const source = { version: 1, submissions: [] };

/** Two providers, Trust (RAA) and Acute (RAB), monitored on the year's rate of M. */
function twoProviders(monitors: ContractModel['contract']['monitors']): ContractModel {
  return model({
    measures: [proportion('M', { period: { kind: 'year-to-date' } })],
    contract: {
      arrangements: ['block'],
      parties: [
        { role: 'commissioner', organisation: 'test.Icb', ods: 'QAA', location: here },
        { role: 'provider', organisation: 'test.Trust', ods: 'RAA', location: here },
        { role: 'provider', organisation: 'test.Acute', ods: 'RAB', location: here },
      ],
      monitors,
    },
  });
}

// RAA: 964 of 1,000 = 96.4%, at least 95%: met. RAB: 884 of 1,000 = 88.4%, under 95%: not met.
const observations = {
  aggregates: [
    ...counts('M', { '2026/27': [964, 1000] }, 'RAA'),
    ...counts('M', { '2026/27': [884, 1000] }, 'RAB'),
  ],
};
const target95 = { kind: 'percent' as const, percent: '95' };

describe('monitors', () => {
  test("each provider's monitor is met or not on its own figure, never another's", async () => {
    const position = await evaluatePosition(
      twoProviders([
        { measure: 'M', target: target95, accountable: 'test.Trust', location: here },
        { measure: 'M', target: target95, accountable: 'test.Acute', location: here },
      ]),
      observations,
      { asOf: END },
    );
    const shown = positionFor(position, source).monitors.map((m) => [m.provider, m.target, m.met]);
    expect(shown).toEqual([
      ['RAA', '95%', true],
      ['RAB', '95%', false],
    ]);
  });

  test('a monitor without a target is listed as monitored, with its figure and no verdict', async () => {
    const position = await evaluatePosition(
      twoProviders([{ measure: 'M', accountable: 'test.Acute', location: here }]),
      observations,
      { asOf: END },
    );
    const [monitor, ...others] = positionFor(position, source).monitors;
    expect(others).toEqual([]);
    expect(monitor).toMatchObject({ measure: 'M', provider: 'RAB', status: 'scored' });
    expect(monitor).not.toHaveProperty('met', expect.anything());
    expect(monitor?.explanation).toContain('88.4% (884 of 1000)');
  });

  test('a monitor without an accountable provider is read for each provider, and each sees only its own', async () => {
    const position = await evaluatePosition(
      twoProviders([{ measure: 'M', target: target95, location: here }]),
      observations,
      { asOf: END },
    );
    const forRab = positionFor(position, source, 'RAB');
    expect(forRab.monitors.map((m) => [m.provider, m.met])).toEqual([['RAB', false]]);
    expect(new Set(forRab.measures.map((m) => m.provider))).toEqual(new Set(['RAB']));
    expect(forRab.measures.find((m) => m.view === 'year')?.value).toBe('0.884000');
    const forAll = positionFor(position, source);
    expect(forAll.monitors.map((m) => [m.provider, m.met])).toEqual([
      ['RAA', true],
      ['RAB', false],
    ]);
  });
});

describe('an attestation that requires evidence', () => {
  const attested = (evidence?: string) =>
    evaluatePosition(
      model({
        measures: [
          proportion('Staffed', {
            scoring: { kind: 'attestation', evidenceRequired: true },
            period: { kind: 'year-to-date' },
          }),
        ],
        contract: { arrangements: ['block'], monitors: [{ measure: 'Staffed', location: here }] },
      }),
      { aggregates: [{ measure: 'Staffed', provider: 'RAA', period: '2026/27', value: '1', evidence }] },
      { asOf: END },
    );

  test('stands at its value with its evidence reference', async () => {
    const [monitor] = positionFor(await attested('Establishment report WF-2026-04'), source).monitors;
    expect(monitor).toMatchObject({ status: 'scored' });
    expect(monitor?.explanation).toContain('1.00');
  });

  test('is insufficient data without it, whatever value is attested', async () => {
    const [monitor] = positionFor(await attested(), source).monitors;
    expect(monitor).toMatchObject({ status: 'insufficient-data' });
    expect(monitor?.explanation).toContain('attested without the evidence reference the measure requires');
  });
});
