import type { OverTime, SubmittedBy } from '@parity/engine';
import { type AstNode, AstUtils } from 'langium';
import {
  type AggregateReturn,
  type Contract,
  type Dataset,
  type Indicator,
  isAccountable,
  isArrangementClause,
  isContract,
  isDataSourceClause,
  isDataset,
  isDirectionClause,
  isDomainClause,
  isFromClause,
  isMinimumDenominatorClause,
  isOverTimeClause,
  isParty,
  isScoringClause,
  isSourceClause,
  isSubmittedByClause,
  isValueClause,
  isYearClause,
  type Measure,
  type Organisation,
  type OverTimeClause,
  type Party,
} from './generated/ast.js';
import { qualifiedName } from './parity-names.js';

/** Facts read off the AST that both the checker and the compiler need. */

export type MeasureKind =
  | 'proportion'
  | 'rate'
  | 'mean'
  | 'median'
  | 'total'
  | 'change'
  | 'coverage'
  | 'attestation'
  | 'parity'
  | 'paired'
  | 'count'
  | 'reported-value';

export function measureKind(measure: Measure): MeasureKind {
  const scoring = measure.clauses.find(isScoringClause)?.scoring;
  if (!scoring) return 'proportion';
  return scoring.kind === 'reported' ? 'reported-value' : (scoring.kind as MeasureKind);
}

/** Kinds whose result is a share of a population, scored in percent. */
export function isPercentKind(kind: MeasureKind): boolean {
  return kind === 'proportion' || kind === 'coverage' || kind === 'paired';
}

/** Kinds that are counted over a population and so need a minimum denominator before they can pay. */
export function needsMinimumDenominator(kind: MeasureKind): boolean {
  return !['attestation', 'coverage', 'count', 'total', 'reported-value'].includes(kind);
}

export function measureSourceOf(measure: Measure): Dataset | AggregateReturn | undefined {
  return measure.clauses.find(isFromClause)?.source?.ref;
}

export function measureDatasetOf(measure: Measure): Dataset | undefined {
  const source = measureSourceOf(measure);
  return isDataset(source) ? source : undefined;
}

export function measureDirection(measure: Measure): 'higher' | 'lower' | undefined {
  return measure.clauses.find(isDirectionClause)?.direction as 'higher' | 'lower' | undefined;
}

export function measureDomain(measure: Measure): string | undefined {
  return measure.clauses.find(isDomainClause)?.domain;
}

export function hasMinimumDenominator(measure: Measure): boolean {
  return measure.clauses.some(isMinimumDenominatorClause);
}

/** True when the measure, or the dataset or return it is from, names where its data comes from. */
export function namesDataSource(measure: Measure): boolean {
  if (measure.clauses.some(isSourceClause)) return true;
  const source = measureSourceOf(measure);
  return source?.members.some(isDataSourceClause) ?? false;
}

export function containingContract(node: AstNode): Contract | undefined {
  return AstUtils.getContainerOfType(node, isContract);
}

export function arrangementsOf(contract: Contract): string[] {
  return contract.members.filter(isArrangementClause).flatMap((clause) => clause.kinds);
}

export function partiesOf(contract: Contract, ...roles: string[]): Party[] {
  return contract.members.filter(isParty).filter((party) => roles.includes(party.role));
}

/** Organisations that deliver care under the contract: providers, the prime and subcontractors. */
export function deliveringOrganisations(contract: Contract): Organisation[] {
  return partiesOf(contract, 'provider', 'prime', 'subcontractor').flatMap((party) =>
    party.organisation?.ref ? [party.organisation.ref] : [],
  );
}

/** The organisation accountable for an indicator: the one it names, or the contract's only provider. */
export function accountableFor(indicator: Indicator): Organisation | undefined {
  const named = indicator.members.find(isAccountable)?.organisation?.ref;
  if (named) return named;
  const contract = containingContract(indicator);
  const delivering = contract ? partiesOf(contract, 'provider', 'prime') : [];
  return delivering.length === 1 ? delivering[0]?.organisation?.ref : undefined;
}

export function contractYear(contract: Contract): string | undefined {
  return contract.members.find(isYearClause)?.year;
}

export function contractValue(contract: Contract): string | undefined {
  return contract.members.find(isValueClause)?.amount;
}

/** A dataset's or return's `rows are …` clause, if it has one. */
export function overTimeClauseOf(source: Dataset | AggregateReturn): OverTimeClause | undefined {
  return (source.members as AstNode[]).find(isOverTimeClause);
}

/**
 * Who submits a dataset's or return's feeds, as the model says it (`submitted by …`); undefined
 * when the clause is absent, which means each provider. A data service is named by its model name
 * and ODS code.
 */
export function submittedByOf(source: Dataset | AggregateReturn): SubmittedBy | undefined {
  const clause = (source.members as AstNode[]).find(isSubmittedByClause);
  if (!clause) return undefined;
  if (clause.submitter === 'commissioner' || clause.submitter === 'provider')
    return { kind: clause.submitter };
  const service = clause.service?.ref;
  if (!service) return undefined;
  const root = AstUtils.getDocument(service).parseResult.value as { name?: string };
  return { kind: 'data-service', organisation: qualifiedName(root.name, service.name), ods: service.ods };
}

const READINGS: Record<string, OverTime['reading']> = {
  latest: 'latest',
  averageofmonths: 'average-of-months',
  sumofweeks: 'sum-of-weeks',
};

/** The model's reading of a `rows are …` clause (its words, however spaced). */
export function overTimeOfClause(clause: OverTimeClause): OverTime {
  const reading = clause.reading === undefined ? undefined : READINGS[clause.reading.replace(/\s+/g, '')];
  return { meaning: clause.meaning as OverTime['meaning'], ...(reading && { reading }) };
}
