import { dayAfterMonth, dayNumber, firstDayOf } from '../calendar/index.js';
import { firstMonthOf, lastMonthOf, type Period, periodLabel } from '../calendar/periods.js';
import {
  add,
  compare,
  div,
  fromDecimal,
  mul,
  type Rational,
  rational,
  sub,
  toDecimal,
  toPercentText,
} from '../core/rational.js';
import type { ContractModel } from '../model/index.js';
import type { Measure } from '../model/measure.js';
import { formatPence } from '../money.js';
import type { Trace } from '../run/trace.js';
import type { AggregateIndex } from './aggregate-index.js';
import { type Gathered, gatherAggregate, gatherRecords } from './gather.js';
import type { MeasureResult } from './measure-result.js';
import { scoreParityBetweenStrata } from './strata.js';
import type { RecordTallies, RecordTally } from './tally.js';
import { emptyTally } from './tally-accumulator.js';

export interface MeasureContext {
  model: ContractModel;
  asOf: string;
  aggregates: AggregateIndex;
  tallies: RecordTallies;
}

/**
 * Evaluates one measure for one provider (ODS code, or the whole contract) and period, or for one
 * stratum of a stratified measure: scored on that group's records against the stratum minimum.
 */
export function evaluateMeasure(
  context: MeasureContext,
  measureName: string,
  provider: string,
  period: Period,
  stratum?: string,
): MeasureResult {
  const found = context.model.measures.find((m) => m.name === measureName);
  if (!found) throw new Error(`measure ${measureName} is not in the model`);
  const measure = stratum === undefined ? found : stratumMeasure(found, stratum);
  const label = periodLabel(period);
  const base = {
    measure: found.name,
    provider,
    period: label,
    ...(stratum !== undefined && { stratum }),
    provisional: dayNumber(context.asOf) < dayAfterMonth(lastMonthOf(period)),
  };
  if (dayNumber(context.asOf) < firstDayOf(firstMonthOf(period))) {
    return {
      ...base,
      status: 'not-yet-due',
      trace: trace(
        measure,
        label,
        provider,
        {},
        'the period has not started by the as-of date',
        'not yet due',
      ),
    };
  }
  const gathered = gather(context, measure, provider, period, stratum);
  if (!gathered)
    return {
      ...base,
      status: 'no-data',
      trace: trace(measure, label, provider, {}, 'no data submitted', 'no data'),
    };
  if (measure.scoring.kind === 'parity' && measure.scoring.between)
    return scoreParityBetweenStrata(context, measure, provider, period, base, evaluateMeasure);
  if (measure.scoring.kind === 'parity')
    return scoreParity(context, measure, provider, period, gathered, base);
  return score(measure, gathered, base, label, provider);
}

/**
 * A stratum is scored as its measure is (a gap measure as the proportion it compares), with the
 * stratum's minimum denominator, and named in its explanation.
 */
function stratumMeasure(measure: Measure, stratum: string): Measure {
  const field = measure.stratifiedBy ?? 'stratum';
  return {
    ...measure,
    title: `${measure.title} (${field} ${stratum})`,
    scoring: measure.scoring.kind === 'parity' ? { kind: 'proportion' } : measure.scoring,
    minimumDenominator: measure.stratumMinimumDenominator ?? measure.minimumDenominator,
  };
}

function gather(
  context: MeasureContext,
  measure: Measure,
  provider: string,
  period: Period,
  stratum: string | undefined,
): Gathered | undefined {
  if (measure.from?.kind === 'dataset') {
    const dataset = context.model.datasets.find((d) => d.name === measure.from?.name);
    if (!dataset) return undefined;
    const { tallies, reportedMonths } = gatherRecords(
      context.tallies,
      measure,
      dataset,
      provider,
      period,
      stratum,
    );
    // Strata come from records only: a return reports no groups.
    if (stratum !== undefined && tallies.length === 0) return undefined;
    if (tallies.length === 0)
      return gatherAggregate(context.aggregates, measure, provider, period, dataset.overTime);
    const tally = mergeTallies(tallies);
    return {
      numerator: BigInt(tally.numerator),
      denominator: BigInt(tally.denominator),
      tally,
      // A ledger's events count their months, as returns do: a part-year total says so.
      ...(dataset.overTime.meaning === 'events' && { months: reportedMonths.length, reportedMonths }),
      source: `${tally.rows} records`,
    };
  }
  const source = measure.from && context.model.returns.find((r) => r.name === measure.from?.name);
  return gatherAggregate(context.aggregates, measure, provider, period, source?.overTime);
}

type Base = Pick<MeasureResult, 'measure' | 'provider' | 'period' | 'provisional'>;

function score(measure: Measure, g: Gathered, base: Base, label: string, provider: string): MeasureResult {
  const kind = measure.scoring.kind;
  const counts = { numerator: g.numerator, denominator: g.denominator };
  const inputs: Record<string, string> = { source: g.source };
  if (g.tally) Object.assign(inputs, { rows: String(g.tally.rows), rowsHash: g.tally.rowsHash });
  // Coverage may be reported as hours staffed of hours in the period, which scores as a proportion.
  const coverageCounts = kind === 'coverage' && g.numerator !== undefined;
  if (kind === 'proportion' || kind === 'rate' || kind === 'paired' || coverageCounts) {
    const [numerator, denominator] =
      kind === 'paired' && g.tally ? pairedCounts(g.tally, measure) : [g.numerator, g.denominator];
    if (numerator === undefined || denominator === undefined)
      return noData(measure, base, label, provider, 'no counts reported');
    Object.assign(inputs, { numerator: String(numerator), denominator: String(denominator) });
    if (
      denominator === 0n ||
      (measure.minimumDenominator !== undefined && denominator < BigInt(measure.minimumDenominator))
    ) {
      const why = `denominator ${denominator} is below the minimum of ${measure.minimumDenominator ?? 1}`;
      return {
        ...base,
        numerator,
        denominator,
        status: 'insufficient-data',
        trace: trace(measure, label, provider, inputs, why, `insufficient data (${why})`),
      };
    }
    const per = measure.scoring.kind === 'rate' ? fromDecimal(measure.scoring.per) : rational(1n);
    const value = mul(rational(numerator, denominator), per);
    const shown = kind === 'rate' ? `${toDecimal(value, 2)} per ${toDecimal(per, 0)}` : toPercentText(value);
    return {
      ...base,
      numerator,
      denominator,
      value,
      status: 'scored',
      trace: trace(
        measure,
        label,
        provider,
        inputs,
        `${numerator} / ${denominator}${kind === 'rate' ? ` × ${toDecimal(per, 0)}` : ''}`,
        `${shown} (${numerator} of ${denominator})`,
      ),
    };
  }
  const value = continuousValue(measure, g);
  if (value === undefined) return noData(measure, base, label, provider, 'no values reported');
  if (measure.scoring.kind === 'attestation') {
    const attested = checkAttestationEvidence(measure, g, base, label, provider, inputs);
    if (attested) return attested;
  }
  if (
    kind === 'count' &&
    measure.minimumDenominator !== undefined &&
    compare(value, rational(BigInt(measure.minimumDenominator))) < 0
  ) {
    return {
      ...base,
      value,
      status: 'insufficient-data',
      trace: trace(measure, label, provider, inputs, 'count below the minimum', 'insufficient data'),
    };
  }
  // A mean, median, change or total over records counts its values: that is what its minimum counts.
  const counted = valuesCounted(measure, g);
  if (
    counted !== undefined &&
    measure.minimumDenominator !== undefined &&
    counted < measure.minimumDenominator
  ) {
    const why = `${counted} value${counted === 1 ? '' : 's'} recorded, below the minimum of ${measure.minimumDenominator}`;
    return {
      ...base,
      status: 'insufficient-data',
      trace: trace(measure, label, provider, inputs, why, `insufficient data (${why})`),
    };
  }
  const shown =
    g.pence !== undefined && kind === 'reported-value'
      ? formatPence(g.pence)
      : kind === 'coverage'
        ? toPercentText(value)
        : toDecimal(value, 2);
  const reported =
    g.months === undefined ? {} : { monthsReported: g.months, reportedMonths: g.reportedMonths };
  return {
    ...base,
    ...counts,
    value,
    pence: g.pence,
    ...reported,
    status: 'scored',
    trace: trace(measure, label, provider, inputs, describe(measure), shown),
  };
}

/**
 * An attestation whose measure requires evidence counts only with its evidence reference: without
 * one it is insufficient data (neither met nor failed), whatever value is attested.
 */
function checkAttestationEvidence(
  measure: Measure,
  g: Gathered,
  base: Base,
  label: string,
  provider: string,
  inputs: Record<string, string>,
): MeasureResult | undefined {
  if (g.evidence) inputs.evidence = g.evidence;
  if (measure.scoring.kind !== 'attestation' || !measure.scoring.evidenceRequired || g.evidence)
    return undefined;
  const why = 'attested without the evidence reference the measure requires';
  return {
    ...base,
    status: 'insufficient-data',
    trace: trace(
      measure,
      label,
      provider,
      inputs,
      why,
      `insufficient data (${why}: send it in the evidence column)`,
    ),
  };
}

/** How many values a continuous measure over records was computed from (undefined for reported figures). */
function valuesCounted(measure: Measure, g: Gathered): number | undefined {
  const kind = measure.scoring.kind;
  if (!g.tally || !['mean', 'median', 'total', 'change'].includes(kind)) return undefined;
  return kind === 'median' ? g.tally.values.length : g.tally.count;
}

function continuousValue(measure: Measure, g: Gathered): Rational | undefined {
  const scoring = measure.scoring;
  // A reported level or amount stands for the whole figure when no records were tallied.
  const reported = g.value ?? (g.pence === undefined ? undefined : rational(g.pence));
  switch (scoring.kind) {
    case 'coverage': {
      const windowHours = div(fromDecimal(scoring.window.amount), rational(60n));
      return g.value === undefined ? undefined : div(g.value, windowHours);
    }
    case 'count':
      return g.tally
        ? rational(BigInt(g.tally.denominator))
        : (g.value ?? (g.numerator === undefined ? undefined : rational(g.numerator)));
    case 'reported-value':
    case 'attestation':
      return g.pence !== undefined ? rational(g.pence) : g.value;
    case 'total':
      return g.tally ? g.tally.sum : reported;
    case 'mean':
    case 'change':
      if (!g.tally) return reported;
      return g.tally.count === 0 ? undefined : div(g.tally.sum, rational(BigInt(g.tally.count)));
    case 'median':
      return g.tally ? median(g.tally.values) : reported;
    default:
      return reported;
  }
}

function median(values: Rational[]): Rational | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort(compare);
  const middle = Math.floor(sorted.length / 2);
  const upper = sorted[middle] as Rational;
  return sorted.length % 2 === 1 ? upper : div(add(sorted[middle - 1] as Rational, upper), rational(2n));
}

function pairedCounts(tally: RecordTally, measure: Measure): [bigint, bigint] {
  const times = measure.scoring.kind === 'paired' ? measure.scoring.times : 2;
  let paired = 0n;
  for (const months of tally.personMonths.values()) if (months.size >= times) paired++;
  return [paired, BigInt(tally.personMonths.size)];
}

function scoreParity(
  context: MeasureContext,
  measure: Measure,
  provider: string,
  period: Period,
  g: Gathered,
  base: Base,
): MeasureResult {
  const label = periodLabel(period);
  const own = score({ ...measure, scoring: { kind: 'proportion' } }, g, base, label, provider);
  const comparatorName = (measure.scoring.kind === 'parity' && measure.scoring.comparator) || '';
  const comparator = evaluateMeasure(context, comparatorName, provider, period);
  if (own.value === undefined || comparator.value === undefined || comparator.value.n === 0n) {
    return { ...own, value: undefined, status: own.status === 'scored' ? 'insufficient-data' : own.status };
  }
  const ratio =
    measure.scoring.kind === 'parity' && measure.scoring.form === 'gap'
      ? sub(own.value, comparator.value)
      : div(own.value, comparator.value);
  const formula = `${toPercentText(own.value)} against ${comparatorName} ${toPercentText(comparator.value)}`;
  return {
    ...own,
    value: ratio,
    trace: trace(measure, label, provider, own.trace.inputs, formula, `${toDecimal(ratio, 3)} (${formula})`),
  };
}

function noData(measure: Measure, base: Base, label: string, provider: string, why: string): MeasureResult {
  return { ...base, status: 'no-data', trace: trace(measure, label, provider, {}, why, 'no data') };
}

function describe(measure: Measure): string {
  return `${measure.scoring.kind} of ${measure.title}`;
}

function trace(
  measure: Measure,
  period: string,
  provider: string,
  inputs: Record<string, string>,
  formula: string,
  shown: string,
): Trace {
  const who = provider === '*' ? '' : `, ${provider}`;
  return {
    clause: measure.name,
    location: measure.location,
    inputs,
    formula,
    text: `Measure ${measure.title}, ${period}${who}: ${shown}`,
  };
}

/** Adds the tallies of several months or providers into one. */
export function mergeTallies(tallies: RecordTally[]): RecordTally {
  const merged = emptyTally();
  for (const t of tallies) {
    merged.rows += t.rows;
    merged.population += t.population;
    merged.excluded += t.excluded;
    merged.excepted += t.excepted;
    merged.denominator += t.denominator;
    merged.numeratorBeforeExclusions += t.numeratorBeforeExclusions;
    merged.numeratorExcluded += t.numeratorExcluded;
    merged.numerator += t.numerator;
    merged.sum = add(merged.sum, t.sum);
    merged.count += t.count;
    merged.values.push(...t.values);
    for (const [person, months] of t.personMonths) {
      const existing = merged.personMonths.get(person) ?? new Set<string>();
      for (const month of months) existing.add(month);
      merged.personMonths.set(person, existing);
    }
  }
  merged.rowsHash =
    tallies.length === 1
      ? (tallies[0]?.rowsHash ?? '')
      : tallies.map((t) => t.rowsHash.slice(0, 12)).join('+');
  return merged;
}
