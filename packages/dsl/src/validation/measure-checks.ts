import { AstUtils, type ValidationAcceptor } from 'langium';
import {
  type ComparisonScoring,
  isChangeScoring,
  isComparisonScoring,
  isContinuousScoring,
  isDataset,
  isDenominatorClause,
  isDirectionClause,
  isDomainClause,
  isExceptionClause,
  isExclusionClause,
  isFieldReference,
  isFromClause,
  isMembershipExpression,
  isMinimumDenominatorClause,
  isNumeratorClause,
  isNumeratorExclusionClause,
  isPeriodClause,
  isPopulationReference,
  isRecordedExpression,
  isStratificationClause,
  isStringLiteral,
  type Measure,
  type MeasureClause,
} from '../language/generated/ast.js';
import { measureDatasetOf, measureKind, measureSourceOf } from '../language/parity-facts.js';
import { expectCondition, typeOf } from './expression-types.js';
import { IssueCodes } from './issue-codes.js';
import { report } from './report.js';

const POPULATION_CLAUSES = [
  isDenominatorClause,
  isNumeratorClause,
  isExclusionClause,
  isExceptionClause,
  isNumeratorExclusionClause,
];

export function checkMeasure(measure: Measure, accept: ValidationAcceptor): void {
  checkRequiredClauses(measure, accept);
  checkWholeNumbers(measure, accept);
  checkDuplicateClauses(measure, accept);
  checkPopulations(measure, accept);
  checkExpressions(measure, accept);
  checkChains(measure, accept);
}

function checkRequiredClauses(measure: Measure, accept: ValidationAcceptor): void {
  const missing = (
    what: string,
    example: string,
    code: (typeof IssueCodes)[keyof typeof IssueCodes] = IssueCodes.MissingClause,
  ) =>
    report(accept, 'error', code, `Measure ${measure.name} does not say ${what}: add '${example}'.`, {
      node: measure,
      property: 'name',
      data: { clause: example },
    });
  if (!measure.clauses.some(isFromClause)) missing('which dataset or return it is from', 'from <Dataset>');
  if (!measure.clauses.some(isDomainClause))
    missing('which health domain it measures', 'domain physical-health');
  if (!measure.clauses.some(isDirectionClause))
    missing('whether higher or lower is better', 'higher is better', IssueCodes.MissingDirection);
  if (!measure.clauses.some(isPeriodClause))
    missing('over which period it is measured', 'period quarter', IssueCodes.MissingPeriodBasis);
}

function checkWholeNumbers(measure: Measure, accept: ValidationAcceptor): void {
  const minimum = measure.clauses.find(isMinimumDenominatorClause);
  if (minimum && !/^[0-9,]+$/.test(minimum.count)) {
    report(
      accept,
      'error',
      IssueCodes.InvalidNumber,
      `A minimum denominator counts cases, so it is a whole number, not ${minimum.count}.`,
      { node: minimum, property: 'count' },
    );
  }
}

function checkDuplicateClauses(measure: Measure, accept: ValidationAcceptor): void {
  const seen = new Set<string>();
  for (const clause of measure.clauses) {
    if (isExclusionClause(clause) || isExceptionClause(clause) || isNumeratorExclusionClause(clause))
      continue;
    if (seen.has(clause.$type)) {
      report(
        accept,
        'error',
        IssueCodes.DuplicateClause,
        `Measure ${measure.name} says this twice: keep one ${describeClause(clause)} clause.`,
        { node: clause },
      );
    }
    seen.add(clause.$type);
  }
}

function describeClause(clause: MeasureClause): string {
  return clause.$cstNode?.text.split(/\s/)[0] ?? clause.$type;
}

function checkPopulations(measure: Measure, accept: ValidationAcceptor): void {
  const kind = measureKind(measure);
  const source = measureSourceOf(measure);
  const hasDenominator = measure.clauses.some(isDenominatorClause);
  const hasNumerator = measure.clauses.some(isNumeratorClause);
  if (source && !isDataset(source)) {
    for (const clause of measure.clauses.filter((c) => POPULATION_CLAUSES.some((is) => is(c)))) {
      report(
        accept,
        'error',
        IssueCodes.PopulationOnAggregate,
        `${source.name} is an aggregate return: its counts arrive already computed, so remove this population; put it in a record-level dataset to count it here.`,
        { node: clause },
      );
    }
    if (isContinuousScoring(measure.clauses.find((c) => c.$type === 'ScoringClause')?.scoring)) {
      report(
        accept,
        'error',
        IssueCodes.PopulationOnAggregate,
        `A ${kind} is computed from records: take measure ${measure.name} from a record-level dataset.`,
        { node: measure, property: 'name' },
      );
    }
    return;
  }
  if (!source) return;
  if (kind === 'coverage' || kind === 'attestation' || kind === 'reported-value') {
    report(
      accept,
      'error',
      IssueCodes.PopulationOnAggregate,
      `A ${kind} is reported, not counted from records: take measure ${measure.name} from an aggregate return.`,
      { node: measure, property: 'name' },
    );
    return;
  }
  const needsNumerator = kind === 'proportion' || kind === 'rate';
  const needsDenominator = needsNumerator || kind === 'paired';
  if (needsDenominator && !hasDenominator) {
    report(
      accept,
      'error',
      IssueCodes.MissingPopulation,
      `Measure ${measure.name} counts records but has no denominator: add 'denominator <condition>' naming who is counted.`,
      { node: measure, property: 'name' },
    );
  }
  if (needsNumerator && !hasNumerator) {
    report(
      accept,
      'error',
      IssueCodes.MissingPopulation,
      `Measure ${measure.name} has no numerator: add 'numerator <condition>' naming who meets the standard.`,
      { node: measure, property: 'name' },
    );
  }
}

/**
 * Parity between groups compares a stratified measure's own strata: it needs `stratified by`, and
 * a named group must be one of the field's codes when the field lists them.
 */
function checkParityBetweenGroups(
  measure: Measure,
  scoring: ComparisonScoring,
  accept: ValidationAcceptor,
): void {
  if (!scoring.across && scoring.group === undefined) return;
  const field = measure.clauses.find(isStratificationClause)?.field.ref;
  if (!measure.clauses.some(isStratificationClause)) {
    report(
      accept,
      'error',
      IssueCodes.ParityWithoutStrata,
      `Measure ${measure.name} compares groups but is not stratified: add 'stratified by <field>' to say which groups.`,
      { node: scoring, property: scoring.across ? 'across' : 'group' },
    );
    return;
  }
  const codes = field?.codes ?? [];
  if (scoring.group !== undefined && codes.length > 0 && !codes.includes(scoring.group)) {
    report(
      accept,
      'error',
      IssueCodes.UnknownCode,
      `"${scoring.group}" is not a code of ${field?.name}: use one of ${codes.map((c) => `"${c}"`).join(', ')}.`,
      { node: scoring, property: 'group' },
    );
  }
}

function checkExpressions(measure: Measure, accept: ValidationAcceptor): void {
  for (const clause of measure.clauses) {
    if (POPULATION_CLAUSES.some((is) => is(clause))) {
      expectCondition((clause as { population: Parameters<typeof expectCondition>[0] }).population, accept);
    }
    if (clause.$type === 'ScoringClause') {
      const scoring = clause.scoring;
      if (isContinuousScoring(scoring)) expectQuantity(scoring.value, accept);
      if (isChangeScoring(scoring)) {
        expectQuantity(scoring.value, accept);
        expectQuantity(scoring.baseline, accept);
      }
      if (isComparisonScoring(scoring)) checkParityBetweenGroups(measure, scoring, accept);
      if (isComparisonScoring(scoring) && scoring.comparator?.ref === measure) {
        report(
          accept,
          'error',
          IssueCodes.ComparatorIsSelf,
          `Measure ${measure.name} is compared with itself: name the comparator population's measure.`,
          { node: scoring, property: 'comparator' },
        );
      }
    }
  }
  for (const node of AstUtils.streamAllContents(measure)) {
    if (isRecordedExpression(node) && isFieldReference(node.value)) {
      const field = node.value.field.ref;
      if (field && !field.optional) {
        report(
          accept,
          'warning',
          IssueCodes.AlwaysRecorded,
          `Field ${field.name} is required in its dataset, so it is always recorded: mark it optional ('${field.name}: ${field.type}?') or drop this test.`,
          { node },
        );
      }
    }
    if (isMembershipExpression(node) && isFieldReference(node.value)) {
      const codes = node.value.field.ref?.codes ?? [];
      if (codes.length === 0) continue;
      for (const item of node.items) {
        if (isStringLiteral(item) && !codes.includes(item.value)) {
          report(
            accept,
            'warning',
            IssueCodes.UnknownCode,
            `"${item.value}" is not one of the codes field ${node.value.field.ref?.name} allows (${codes.map((c) => `"${c}"`).join(', ')}).`,
            { node: item },
          );
        }
      }
    }
  }
}

function expectQuantity(expression: Parameters<typeof typeOf>[0], accept: ValidationAcceptor): void {
  const type = typeOf(expression, accept);
  if (['number', 'money', 'percent', 'clock duration', 'unknown'].includes(type)) return;
  report(
    accept,
    'error',
    IssueCodes.TypeMismatch,
    `This must be a number, money, percentage or duration to average or compare, but it is ${type}.`,
    { node: expression },
  );
}

/** Chained denominators must stay within one dataset and must not loop back on themselves. */
function checkChains(measure: Measure, accept: ValidationAcceptor): void {
  const dataset = measureDatasetOf(measure);
  for (const node of AstUtils.streamAllContents(measure)) {
    if (!isPopulationReference(node)) continue;
    const other = node.measure.ref;
    if (!other) continue;
    const otherDataset = measureDatasetOf(other);
    if (dataset && otherDataset !== dataset) {
      report(
        accept,
        'error',
        IssueCodes.ChainedDatasetMismatch,
        `${other.name} is counted from ${otherDataset?.name ?? 'an aggregate return'}, not ${dataset.name}: a chained population must come from the same dataset.`,
        { node, property: 'measure' },
      );
    }
    if (reaches(other, measure, new Set())) {
      report(
        accept,
        'error',
        IssueCodes.CyclicMeasure,
        `Measures ${measure.name} and ${other.name} are defined in terms of each other: break the cycle.`,
        { node, property: 'measure' },
      );
    }
  }
}

function reaches(from: Measure, target: Measure, visited: Set<Measure>): boolean {
  if (from === target) return true;
  if (visited.has(from)) return false;
  visited.add(from);
  for (const node of AstUtils.streamAllContents(from)) {
    if (isPopulationReference(node) && node.measure.ref && reaches(node.measure.ref, target, visited))
      return true;
  }
  return false;
}
