import type {
  ContractModel,
  Dataset,
  Duration,
  Expression,
  FieldType,
  Literal,
  Measure,
} from '../../src/index.js';

/** Small ContractModels built by hand for record-level tests: only what tallying reads is filled in. */

const at = { file: 'test.parity', line: 1, column: 1, endLine: 1, endColumn: 1 };

/** Field types by name; a trailing `?` makes the field optional. */
export type FieldSpec = Record<string, FieldType | `${FieldType}?`>;

export function dataset(
  name: string,
  fields: FieldSpec,
  options: { datedBy?: string; codes?: Record<string, string[]>; overTime?: Dataset['overTime'] } = {},
): Dataset {
  return {
    name,
    title: name,
    datedBy: options.datedBy,
    // Unless a test says otherwise (a register: `overTime: { meaning: 'snapshots' }`), rows are events.
    overTime: options.overTime ?? { meaning: 'events' },
    fields: Object.entries(fields).map(([field, spec]) => ({
      name: field,
      type: spec.replace('?', '') as FieldType,
      optional: spec.endsWith('?'),
      codes: options.codes?.[field],
    })),
    location: at,
  };
}

type MeasureParts = Partial<Omit<Measure, 'name' | 'title' | 'location' | 'from'>>;

export function measure(name: string, datasetName: string, parts: MeasureParts = {}): Measure {
  return {
    name,
    title: name,
    from: { kind: 'dataset', name: datasetName },
    scoring: { kind: 'proportion' },
    exclusions: [],
    exceptions: [],
    numeratorExclusions: [],
    location: at,
    ...parts,
  };
}

export const PROVIDERS = ['RX4', 'RHA'];

export function model(
  datasets: Dataset[],
  measures: Measure[],
  providers: string[] = PROVIDERS,
): ContractModel {
  return {
    schemaVersion: 2,
    contract: {
      name: 'TestContract',
      title: 'Test contract',
      arrangements: ['block'],
      year: '2026/27',
      term: { start: '2026-04', end: '2027-03' },
      parties: [
        { role: 'commissioner', organisation: 'Commissioner', ods: 'QWO', location: at },
        ...providers.map((ods) => ({ role: 'provider' as const, organisation: ods, ods, location: at })),
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
      location: at,
    },
    organisations: [],
    datasets,
    returns: [],
    measures,
    tests: [],
    contentHash: '0'.repeat(64),
  };
}

// ------------------------------------------------------------------ expressions

export const field = (name: string): Expression => ({ kind: 'field', field: name });
const literal = (value: Literal): Expression => ({ kind: 'literal', literal: value });
export const number = (value: string): Expression => literal({ type: 'number', value });
export const text = (value: string): Expression => literal({ type: 'text', value });
export const yes = literal({ type: 'boolean', value: true });
export const date = (value: string): Expression => literal({ type: 'date', value });
export const month = (value: string): Expression => literal({ type: 'month', value });
export const pence = (value: string): Expression => literal({ type: 'money', pence: value });
export const minutes = (amount: string): Duration => ({ unit: 'minutes', amount });
export const months = (amount: string): Duration => ({ unit: 'months', amount });
export const durationOf = (duration: Duration): Expression => literal({ type: 'duration', duration });

type Operator = Extract<Expression, { kind: 'binary' }>['operator'];
export const binary = (left: Expression, operator: Operator, right: Expression): Expression => ({
  kind: 'binary',
  operator,
  left,
  right,
});
export const is = (name: string, value: Expression): Expression => binary(field(name), '=', value);
export const isTrue = (name: string): Expression => is(name, yes);
export const and = (left: Expression, right: Expression): Expression => binary(left, 'and', right);
export const not = (operand: Expression): Expression => ({ kind: 'not', operand });
export const recorded = (name: string, negated = false): Expression => ({
  kind: 'recorded',
  value: field(name),
  negated,
});
export const within = (name: string, window: Duration, anchor?: string): Expression => ({
  kind: 'within',
  value: field(name),
  window,
  anchor: anchor === undefined ? undefined : field(anchor),
});
export const inList = (name: string, items: string[], negated = false): Expression => ({
  kind: 'in',
  value: field(name),
  items: items.map((value) => ({ type: 'text', value })),
  negated,
});
export const allOf = (...conditions: Expression[]): Expression => ({ kind: 'all-of', conditions });
export const numeratorOf = (name: string): Expression => ({
  kind: 'population',
  part: 'numerator',
  measure: name,
});
export const denominatorOf = (name: string): Expression => ({
  kind: 'population',
  part: 'denominator',
  measure: name,
});
