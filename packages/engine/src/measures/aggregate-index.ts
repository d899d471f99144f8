import { addMonths, financialYearOf, monthRange, quarterOf } from '../calendar/index.js';
import { DomainError, DomainErrorCodes } from '../core/errors.js';
import type { ContractModel } from '../model/index.js';
import { baselineMonths } from '../run/baseline.js';
import { AggregateObservation } from './observations.js';

/** The observation that stands for a provider, measure and period once resubmissions are resolved. */
export type ResolvedObservation = AggregateObservation;

/** Provider key for observations that speak for the whole contract (tests without `for`). */
export const WHOLE_CONTRACT = '*';

/**
 * Aggregate observations checked and indexed by measure → provider → period label. Of several
 * submissions for one key, the latest submitted on or before the as-of date wins; submissions made
 * after it are ignored, so a past position is reproduced exactly.
 */
export class AggregateIndex {
  private readonly byKey = new Map<string, ResolvedObservation>();

  constructor(model: ContractModel, observations: unknown[], asOf: string) {
    const measures = new Set(model.measures.map((m) => m.name));
    const providers = new Set([WHOLE_CONTRACT, ...model.contract.parties.map((p) => p.ods)]);
    const periods = allowedPeriods(model);
    observations.forEach((raw, index) => {
      const observation = parseObservation(raw, index);
      checkObservation(observation, index, measures, providers);
      if (!periods.has(observation.period)) {
        throw new DomainError(
          DomainErrorCodes.PeriodOutsideContract,
          `Observation ${index + 1} (${observation.measure}, ${observation.period}): the period is outside the contract term ${model.contract.term.start} to ${model.contract.term.end} (months up to 12 before it are accepted for rolling measures, and a baseline year a target names).`,
          { index },
        );
      }
      if (observation.submittedAt && observation.submittedAt > asOf) return;
      const key = keyOf(observation.measure, observation.provider, observation.period);
      const existing = this.byKey.get(key);
      if (!existing || (existing.submittedAt ?? '') <= (observation.submittedAt ?? ''))
        this.byKey.set(key, observation);
    });
  }

  get(measure: string, provider: string, period: string): ResolvedObservation | undefined {
    return this.byKey.get(keyOf(measure, provider, period));
  }

  /** Providers with any observation of a measure. */
  providersOf(measure: string): string[] {
    const providers = new Set<string>();
    for (const observation of this.byKey.values())
      if (observation.measure === measure) providers.add(observation.provider);
    return [...providers].sort();
  }
}

/**
 * Months of the term and the 12 before it (for rolling measures), and the term's quarters and years;
 * and the months, quarters and year of any baseline year a target is measured against.
 */
function allowedPeriods(model: ContractModel): Set<string> {
  const { start, end } = model.contract.term;
  const allowed = new Set<string>(monthRange(addMonths(start, -12), end));
  // A baseline year a target improves on is read like the term: its months, quarters and the year.
  const baseline = baselineMonths(model);
  for (const month of baseline) allowed.add(month);
  for (const month of [...monthRange(start, end), ...baseline]) {
    allowed.add(financialYearOf(month));
    allowed.add(`${financialYearOf(month)} ${quarterOf(month)}`);
  }
  return allowed;
}

const keyOf = (measure: string, provider: string, period: string) =>
  `${measure}\u0000${provider}\u0000${period}`;

function parseObservation(raw: unknown, index: number): AggregateObservation {
  const parsed = AggregateObservation.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new DomainError(
    DomainErrorCodes.InvalidObservations,
    `Observation ${index + 1}: ${issue?.path.join('.') || 'row'}: ${issue?.message}.`,
    { index },
  );
}

function checkObservation(
  o: AggregateObservation,
  index: number,
  measures: Set<string>,
  providers: Set<string>,
): void {
  const where = `Observation ${index + 1} (${o.measure}, ${o.provider}, ${o.period})`;
  if (!measures.has(o.measure)) {
    throw new DomainError(
      DomainErrorCodes.UnknownMeasure,
      `${where}: the contract has no measure ${o.measure}.`,
      { index },
    );
  }
  if (!providers.has(o.provider)) {
    throw new DomainError(
      DomainErrorCodes.UnknownProvider,
      `${where}: ${o.provider} is not a party to this contract.`,
      { index },
    );
  }
  const numerator = o.numerator === undefined ? undefined : BigInt(o.numerator);
  const denominator = o.denominator === undefined ? undefined : BigInt(o.denominator);
  if ((numerator ?? 0n) < 0n || (denominator ?? 0n) < 0n) {
    throw new DomainError(DomainErrorCodes.NegativeCount, `${where}: counts cannot be negative.`, { index });
  }
  if (numerator !== undefined && denominator !== undefined && numerator > denominator) {
    throw new DomainError(
      DomainErrorCodes.NumeratorAboveDenominator,
      `${where}: numerator ${numerator} is above denominator ${denominator}.`,
      { index },
    );
  }
}
