import {
  type Dataset as ModelDataset,
  type Measure as ModelMeasure,
  type AggregateReturn as ModelReturn,
  normaliseNumber,
  type OverTime,
  type Scoring,
  type SubmittedBy,
} from '@parity/engine';
import {
  type AggregateReturn,
  type Scoring as AstScoring,
  type Dataset,
  isAttestationScoring,
  isChangeScoring,
  isComparisonScoring,
  isContinuousScoring,
  isCountScoring,
  isCoverageScoring,
  isDataSourceClause,
  isDataset,
  isDatedByClause,
  isDenominatorClause,
  isDescriptionClause,
  isDirectionClause,
  isDomainClause,
  isExceptionClause,
  isExclusionClause,
  isField,
  isFromClause,
  isMinimumDenominatorClause,
  isNumeratorClause,
  isNumeratorExclusionClause,
  isPairedScoring,
  isPeriodClause,
  isRateScoring,
  isReportedValueScoring,
  isScoringClause,
  isSourceClause,
  isStratificationClause,
  isSubmittedByClause,
  isTimeZoneClause,
  type Measure,
} from '../language/generated/ast.js';
import { overTimeClauseOf, overTimeOfClause, submittedByOf } from '../language/parity-facts.js';
import { compileDuration, compileExpression } from './compile-expression.js';
import { type FileNamer, locationOf } from './locations.js';
import { nameOf } from './names.js';
import { required } from './required.js';

export function compileDataset(dataset: Dataset, fileOf: FileNamer): ModelDataset {
  return {
    name: nameOf(dataset),
    title: dataset.title,
    grain: dataset.grain,
    source: dataset.members.find(isDataSourceClause)?.description,
    datedBy: dataset.members.find(isDatedByClause)?.field.ref?.name,
    overTime: compileOverTime(dataset),
    ...compileSubmittedBy(dataset),
    ...compileTimeZone(dataset),
    fields: dataset.members.filter(isField).map((field) => ({
      name: field.name,
      type: field.type as ModelDataset['fields'][number]['type'],
      optional: field.optional,
      codes: field.codes.length > 0 ? field.codes : undefined,
      notBefore: field.notBefore?.ref?.name,
      title: field.title,
    })),
    location: locationOf(dataset, fileOf),
  };
}

function compileOverTime(source: Dataset | AggregateReturn): OverTime {
  return overTimeOfClause(required(overTimeClauseOf(source), `what the rows of ${source.name} are`));
}

/** Who submits the feeds, when declared; absent means each provider, and is left out of the model. */
function compileSubmittedBy(source: Dataset | AggregateReturn): { submittedBy?: SubmittedBy } {
  const submittedBy = submittedByOf(source);
  if (source.members.some(isSubmittedByClause))
    required(submittedBy, `the data service that submits ${source.name}`);
  return submittedBy ? { submittedBy } : {};
}

/** How clock times without an offset are read, when not UTC (UTC is left out of the model). */
function compileTimeZone(dataset: Dataset): { timeZone?: 'Europe/London' } {
  const zone = dataset.members.find(isTimeZoneClause)?.zone;
  return zone === 'Europe/London' ? { timeZone: zone } : {};
}

export function compileReturn(aggregate: AggregateReturn, fileOf: FileNamer): ModelReturn {
  return {
    name: nameOf(aggregate),
    title: aggregate.title,
    source: aggregate.members.find(isDataSourceClause)?.description,
    overTime: compileOverTime(aggregate),
    ...compileSubmittedBy(aggregate),
    location: locationOf(aggregate, fileOf),
  };
}

function compileScoring(scoring: AstScoring | undefined): Scoring {
  if (!scoring) return { kind: 'proportion' };
  if (isRateScoring(scoring)) return { kind: 'rate', per: normaliseNumber(scoring.per) };
  if (isContinuousScoring(scoring))
    return {
      kind: scoring.kind as 'mean' | 'median' | 'total',
      value: compileExpression(scoring.value, nameOf),
    };
  if (isChangeScoring(scoring)) {
    return {
      kind: 'change',
      value: compileExpression(scoring.value, nameOf),
      baseline: compileExpression(scoring.baseline, nameOf),
    };
  }
  if (isCoverageScoring(scoring)) return { kind: 'coverage', window: compileDuration(scoring.window) };
  if (isAttestationScoring(scoring)) return { kind: 'attestation', evidenceRequired: scoring.evidence };
  if (isComparisonScoring(scoring)) {
    const form = scoring.form as 'ratio' | 'gap';
    if (scoring.across) return { kind: 'parity', between: { kind: 'best-and-worst' }, form };
    if (scoring.group !== undefined)
      return { kind: 'parity', between: { kind: 'group-and-rest', group: scoring.group }, form };
    const comparator = scoring.comparator?.ref;
    return {
      kind: 'parity',
      comparator: comparator ? nameOf(comparator) : (scoring.comparator?.$refText ?? ''),
      form,
    };
  }
  if (isPairedScoring(scoring))
    return {
      kind: 'paired',
      field: scoring.field.ref?.name ?? scoring.field.$refText,
      times: Number(scoring.times),
    };
  if (isCountScoring(scoring)) return { kind: 'count' };
  if (isReportedValueScoring(scoring)) return { kind: 'reported-value' };
  return { kind: 'proportion' };
}

export function compileMeasure(measure: Measure, fileOf: FileNamer): ModelMeasure {
  const clauses = measure.clauses;
  const source = clauses.find(isFromClause)?.source.ref;
  const period = clauses.find(isPeriodClause)?.basis;
  const minimum = clauses.find(isMinimumDenominatorClause)?.count;
  const stratification = clauses.find(isStratificationClause);
  return {
    name: nameOf(measure),
    title: measure.title,
    description: clauses.find(isDescriptionClause)?.text,
    domain: clauses.find(isDomainClause)?.domain as ModelMeasure['domain'],
    from: source && { kind: isDataset(source) ? 'dataset' : 'return', name: nameOf(source) },
    dataSource: clauses.find(isSourceClause)?.description,
    scoring: compileScoring(clauses.find(isScoringClause)?.scoring),
    denominator: compileOptional(clauses.find(isDenominatorClause)?.population),
    numerator: compileOptional(clauses.find(isNumeratorClause)?.population),
    exclusions: clauses.filter(isExclusionClause).map((c) => compileExpression(c.population, nameOf)),
    exceptions: clauses.filter(isExceptionClause).map((c) => compileExpression(c.population, nameOf)),
    numeratorExclusions: clauses
      .filter(isNumeratorExclusionClause)
      .map((c) => compileExpression(c.population, nameOf)),
    minimumDenominator: minimum === undefined ? undefined : Number(normaliseNumber(minimum)),
    direction: clauses.find(isDirectionClause)?.direction as ModelMeasure['direction'],
    period:
      period &&
      (period.kind === 'rolling'
        ? { kind: 'rolling', months: Number(period.months) }
        : { kind: period.kind === 'year' ? 'year-to-date' : (period.kind as 'month' | 'quarter') }),
    stratifiedBy: stratification?.field.ref?.name,
    stratumMinimumDenominator:
      stratification?.minimum === undefined ? undefined : Number(normaliseNumber(stratification.minimum)),
    location: locationOf(measure, fileOf),
  };
}

function compileOptional(expression: Parameters<typeof compileExpression>[0] | undefined) {
  return expression && compileExpression(expression, nameOf);
}
