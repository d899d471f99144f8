import type { ContractModel, Indicator, Measure, RiskShare, Scheme } from '../src/index.js';

const here = { file: 'test.parity', line: 1, column: 1, endLine: 1, endColumn: 1 };

/** A proportion measure from an aggregate return, higher is better, scored per quarter. */
export function proportion(name: string, overrides: Partial<Measure> = {}): Measure {
  return {
    name,
    title: `${name} title`,
    domain: 'mental-health',
    from: { kind: 'return', name: 'Returns' },
    scoring: { kind: 'proportion' },
    exclusions: [],
    exceptions: [],
    numeratorExclusions: [],
    minimumDenominator: 10,
    direction: 'higher',
    period: { kind: 'quarter' },
    location: here,
    ...overrides,
  };
}

export function indicator(name: string, measure: string, overrides: Partial<Indicator> = {}): Indicator {
  return {
    name,
    weight: { kind: 'percent', percent: '100', base: 'scheme' },
    measure,
    rule: {
      kind: 'linear',
      from: { kind: 'percent', percent: '40' },
      to: { kind: 'percent', percent: '80' },
    },
    quarterRules: [],
    location: here,
    ...overrides,
  };
}

export function scheme(name: string, indicators: Indicator[], overrides: Partial<Scheme> = {}): Scheme {
  return {
    name,
    kind: 'cquin',
    title: name,
    worth: { kind: 'money', pence: '50000000' },
    assessment: 'quarterly',
    indicators,
    location: here,
    ...overrides,
  };
}

export function riskShare(overrides: Partial<RiskShare> = {}): RiskShare {
  return {
    name: 'Share',
    title: 'Alliance share',
    budget: { kind: 'budget', pence: '5000000000', covers: ['physical-health', 'mental-health'] },
    outturn: 'Outturn',
    partYear: 'run-rate',
    thresholds: [],
    gain: [{ providersPercent: '50', commissionerPercent: '50' }],
    loss: [{ providersPercent: '50', commissionerPercent: '50' }],
    cap: { kind: 'percent', percent: '2', base: 'budget' },
    collar: { kind: 'percent', percent: '1', base: 'budget' },
    providerSplit: { basis: 'pro-rata-value' },
    location: here,
    ...overrides,
  };
}

/** A valid model: one commissioner (QAA), one mental health provider (RAA), year 2026/27. */
export function model(
  parts: { measures?: Measure[]; contract?: Partial<ContractModel['contract']> } = {},
): ContractModel {
  return {
    schemaVersion: 2,
    contract: {
      name: 'test.Contract',
      title: 'Test contract',
      arrangements: ['cquin'],
      year: '2026/27',
      term: { start: '2026-04', end: '2027-03' },
      parties: [
        { role: 'commissioner', organisation: 'test.Icb', ods: 'QAA', location: here },
        { role: 'provider', organisation: 'test.Trust', ods: 'RAA', location: here },
      ],
      flowDown: [],
      rounding: { mode: 'half-up', unit: 'penny' },
      budgets: [],
      schemes: [],
      activities: [],
      capitations: [],
      yearsOfCare: [],
      riskShares: [],
      monitors: [],
      location: here,
      ...parts.contract,
    },
    organisations: [
      { name: 'test.Icb', title: 'ICB', ods: 'QAA', sector: 'commissioner' },
      { name: 'test.Trust', title: 'Trust', ods: 'RAA', sector: 'mental-health' },
      { name: 'test.Acute', title: 'Acute', ods: 'RAB', sector: 'acute' },
    ],
    datasets: [],
    returns: [{ name: 'Returns', title: 'Returns', overTime: { meaning: 'events' }, location: here }],
    measures: parts.measures ?? [proportion('M')],
    tests: [],
    contentHash: '0'.repeat(64),
  };
}

/** Aggregate observations for the whole contract: `counts('M', { '2026/27 Q1': [120, 400] })`. */
export function counts(measure: string, byPeriod: Record<string, [number, number]>, provider = '*') {
  return Object.entries(byPeriod).map(([period, [numerator, denominator]]) => ({
    measure,
    provider,
    period,
    numerator: String(numerator),
    denominator: String(denominator),
  }));
}
