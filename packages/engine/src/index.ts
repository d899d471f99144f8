/**
 * @parity/engine: exact, explainable evaluation of Parity contracts.
 *
 * Public surface: the ContractModel schema; `evaluate` (payment lines, risk shares, targets, each
 * with its trace) and `runContractTests`; position tools; exact money, rationals and allocation;
 * `DomainError`. Deliberately not exported: the per-kind payment functions, which are reached
 * through `evaluate` so that every figure comes with the same context and rounding.
 */

export * from './calendar/index.js';
/** The calendar as one namespace, as earlier callers reach it (`periods.monthsOfYear`). */
export * as periods from './calendar/index.js';
export { type Period, parsePeriod, periodLabel } from './calendar/periods.js';
export { allocatePence } from './core/allocate.js';
export { DomainError, type DomainErrorCode, DomainErrorCodes } from './core/errors.js';
export {
  fromDecimal,
  fromPercent,
  type Rational,
  rational,
  toDecimal,
  toPercentText,
} from './core/rational.js';
export { roundPence } from './core/rounding.js';
export { cumulativeFalls } from './measures/cumulative-falls.js';
export { evaluateMeasure, type MeasureContext } from './measures/evaluate-measure.js';
export { PopulationStatus } from './measures/measure-populations.js';
export type { MeasureResult, MeasureStatus } from './measures/measure-result.js';
export {
  AggregateObservation,
  type FieldValue,
  type Observations,
  type RecordRow,
  type RecordSource,
} from './measures/observations.js';
export { compilePredicate, type RecordPredicate } from './measures/record-predicate.js';
export { nobleSha256, type Sha256, type Sha256Factory } from './measures/row-hash.js';
export type { RecordTallies, RecordTally } from './measures/tally.js';
export {
  createRecordTallier,
  type RecordTallier,
  type RecordTallyOptions,
  tallyRecords,
  tallyRecordsSync,
} from './measures/tally-records.js';
export {
  isWeeklyLevel,
  monthsOfWeeks,
  sumOfWeeks,
  type WeekFigures,
  weekProblem,
} from './measures/weekly-levels.js';
export * from './model/index.js';
export { formatPence, LiteralError, normaliseNumber, parseMoney, parsePercent } from './money.js';
export type { PrimeResult } from './payments/flow-down.js';
export {
  isPayable,
  type LineKind,
  type LineStatus,
  PAYABLE_KINDS,
  type PaymentLine,
} from './payments/payment-line.js';
export type { RiskShareResult } from './payments/risk-share.js';
export { contractStakes, type Stake, type StakeKind } from './payments/stakes.js';
export * from './position/index.js';
export * from './records/index.js';
export { baselineMonths, describeBaselineTarget } from './run/baseline.js';
export {
  type ContractResult,
  type EvaluateOptions,
  type Evaluation,
  evaluate,
  evaluateInContext,
  type TargetResult,
} from './run/evaluate.js';
export { feedMonthProblem } from './run/feed-months.js';
export { contractForYear, termYearOn, termYears } from './run/term-year.js';
export {
  type ExpectationFailure,
  type RecordFileReader,
  runContractTests,
  type TestOutcome,
} from './run/test-runner.js';
export type { Trace } from './run/trace.js';
