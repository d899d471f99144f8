import { instantOfLocal, SECONDS_PER_DAY, type TimeZone } from '../calendar/index.js';
import { DomainError } from '../core/errors.js';
import type { Rational } from '../core/rational.js';
import type { Expression } from '../model/expression.js';
import type { DatasetReader } from './dataset-reader.js';
import type { RowContext } from './row-context.js';

/** A compiled yes/no condition over a row. Missing values make it false, never an error. */
export type Condition = (context: RowContext) => boolean;
/** Reads a number from a row: NaN when missing. */
export type NumberRead = (context: RowContext) => number;
/** Reads a quantity exactly: undefined when missing. */
export type ExactRead = (context: RowContext) => Rational | undefined;
export type TextRead = (context: RowContext) => string | undefined;

export type QuantityUnit = 'number' | 'percent' | 'money' | 'minutes' | 'months';

/**
 * A compiled sub-expression, typed. Quantities are integer units at `places` decimal places on the
 * fast path (exact below 2^53); a read that cannot be exact sets `context.inexact`, and whoever
 * consumes the quantity then uses `exact` instead. `slot` (a field read straight from its slot) and
 * `fixed` (a constant) let the commonest conditions compile to a single closure.
 */
export type Compiled =
  | { kind: 'condition'; test: Condition }
  | { kind: 'boolean'; read: NumberRead; slot?: number; fixed?: number }
  | {
      kind: 'quantity';
      unit: QuantityUnit;
      places: number;
      read: NumberRead;
      exact: ExactRead;
      constant?: Rational;
      slot?: number;
      fixed?: number;
    }
  | { kind: 'instant'; unit: 'day' | 'second'; read: NumberRead; slot?: number; fixed?: number }
  | { kind: 'month'; monthIndex: number }
  | { kind: 'text'; read: TextRead; slot?: number; fixed?: string };

export type Quantity = Extract<Compiled, { kind: 'quantity' }>;
export type Instant = Extract<Compiled, { kind: 'instant' }>;

/** What an expression is compiled against: the dataset's fields and the other measures' populations. */
export interface CompileScope {
  reader: DatasetReader;
  /** Named in messages about the model. */
  measure: string;
  population(part: 'numerator' | 'denominator', measure: string): Condition;
}

const DESCRIBE: Record<Compiled['kind'], string> = {
  condition: 'a condition',
  boolean: 'a yes/no value',
  quantity: 'a number',
  instant: 'a date or date-time',
  month: 'a month',
  text: 'text',
};

export function describe(compiled: Compiled): string {
  return compiled.kind === 'quantity' && compiled.unit !== 'number'
    ? `a ${compiled.unit} value`
    : DESCRIBE[compiled.kind];
}

/** The model asks for something records cannot be evaluated with. */
export function invalidModel(scope: CompileScope, problem: string): DomainError {
  return new DomainError('invalid-model', `Measure ${scope.measure}: ${problem}`, { measure: scope.measure });
}

/** Any compiled value as a condition: yes/no values are true when true; other kinds are refused. */
export function asCondition(compiled: Compiled, scope: CompileScope): Condition {
  if (compiled.kind === 'condition') return compiled.test;
  if (compiled.kind === 'boolean') {
    const { read, slot } = compiled;
    if (slot !== undefined) return (context) => context.numbers[slot] === 1;
    return (context) => read(context) === 1;
  }
  throw invalidModel(scope, `${describe(compiled)} is used where a condition is needed.`);
}

/** A condition as a yes/no value, for comparisons such as `(a and b) = true`. */
export function asBoolean(compiled: Compiled): Compiled {
  if (compiled.kind !== 'condition') return compiled;
  const test = compiled.test;
  return { kind: 'boolean', read: (context) => (test(context) ? 1 : 0) };
}

export type CompileExpression = (expression: Expression, scope: CompileScope) => Compiled;

/** How the dataset's clock times are read: a date's midnight and a month's end are on that clock. */
export function zoneOf(scope: CompileScope): TimeZone {
  return scope.reader.dataset.timeZone ?? 'UTC';
}

/** The instant (seconds, UTC) at which a day begins on the dataset's clock. */
export function startOfDay(day: number, zone: TimeZone): number {
  const midnight = day * SECONDS_PER_DAY;
  // Midnight is never a time the clocks skip in England; were it one, the instant is still the day's.
  return instantOfLocal(midnight, zone) ?? midnight;
}
