import { basisMonths, monthsOf, type Period, periodLabel, quarterPeriodOf } from '../calendar/periods.js';
import { add, div, fromDecimal, type Rational, rational } from '../core/rational.js';
import type { Dataset, Measure, OverTime } from '../model/measure.js';
import { type AggregateIndex, WHOLE_CONTRACT } from './aggregate-index.js';
import type { RecordTallies, RecordTally } from './tally.js';

/** The raw figures behind a measure for one provider and period, before scoring. */
export interface Gathered {
  numerator?: bigint;
  denominator?: bigint;
  value?: Rational;
  pence?: bigint;
  tally?: RecordTally;
  /** The evidence reference given with the figure standing for the period (an attestation's). */
  evidence?: string;
  /**
   * Months of the period the figures cover when they were added up from monthly or quarterly
   * returns (a quarter's return counts three); undefined when one return stands for the period.
   */
  months?: number;
  /** The months those are (a quarter's return covers its three), when known. */
  reportedMonths?: string[];
  /** Where the figures came from, for the explanation. */
  source: string;
}

/**
 * Aggregate figures for a period: an observation for exactly that period if there is one, else
 * the months of the measure's basis, taking a quarter's observation where its months have none of
 * their own. How months combine is what the return declares its rows to be (`overTime`): events
 * add up; snapshots and cumulative (year-to-date) figures take the latest month's; levels take the
 * latest or the average of the months, or add up when they are sums of weeks. A measure given no return (figures in a test) adds counts
 * and money and takes a reported number as a level. A provider with no figures of its own falls
 * back to figures given for the whole contract; the whole contract pools every provider.
 */
export function gatherAggregate(
  index: AggregateIndex,
  measure: Measure,
  provider: string,
  period: Period,
  overTime?: OverTime,
): Gathered | undefined {
  const forProvider = gatherFor(index, measure, provider, period, overTime);
  if (forProvider || provider === WHOLE_CONTRACT)
    return forProvider ?? poolProviders(index, measure, period, overTime);
  return gatherFor(index, measure, WHOLE_CONTRACT, period, overTime);
}

function poolProviders(
  index: AggregateIndex,
  measure: Measure,
  period: Period,
  overTime: OverTime | undefined,
): Gathered | undefined {
  const parts = index
    .providersOf(measure.name)
    .filter((p) => p !== WHOLE_CONTRACT)
    .map((p) => gatherFor(index, measure, p, period, overTime))
    .filter((g): g is Gathered => g !== undefined);
  if (parts.length === 0) return undefined;
  // Pooled figures are complete only for the months every provider has reported.
  const months = parts.every((p) => p.months !== undefined)
    ? Math.min(...parts.map((p) => p.months as number))
    : undefined;
  const reportedMonths = parts.every((p) => p.reportedMonths !== undefined)
    ? monthsInEvery(parts.map((p) => p.reportedMonths as string[]))
    : undefined;
  return { ...sumGathered(parts, false), months, reportedMonths, source: `${parts.length} providers pooled` };
}

function gatherFor(
  index: AggregateIndex,
  measure: Measure,
  provider: string,
  period: Period,
  overTime: OverTime | undefined,
): Gathered | undefined {
  const exact = index.get(measure.name, provider, periodLabel(period));
  if (exact) return fromObservation(exact, `return for ${periodLabel(period)}`);
  if (
    period.kind === 'month' &&
    measure.period?.kind !== 'rolling' &&
    measure.period?.kind !== 'year-to-date'
  )
    return undefined;
  const parts: Gathered[] = [];
  const usedQuarters = new Set<string>();
  const reportedMonths: string[] = [];
  for (const month of basisMonths(period, measure.period)) {
    const monthly = index.get(measure.name, provider, month);
    if (monthly) {
      parts.push(fromObservation(monthly, month));
      reportedMonths.push(month);
      continue;
    }
    const quarter = quarterPeriodOf(month);
    const quarterly = index.get(measure.name, provider, periodLabel(quarter));
    if (quarterly && !usedQuarters.has(periodLabel(quarter))) {
      usedQuarters.add(periodLabel(quarter));
      parts.push(fromObservation(quarterly, periodLabel(quarter)));
      reportedMonths.push(...monthsOf(quarter));
    }
  }
  const months = reportedMonths.length;
  if (parts.length === 0) return undefined;
  // A level summed over its weeks adds up over months as events do (see weekly-levels.ts).
  if (overTime === undefined || overTime.meaning === 'events' || overTime.reading === 'sum-of-weeks')
    return {
      ...sumGathered(parts, overTime === undefined && isLevel(measure)),
      months,
      reportedMonths,
      source: `returns for ${parts.map((p) => p.source).join(', ')}`,
    };
  const latest = parts.at(-1) as Gathered;
  if (overTime.meaning === 'levels' && overTime.reading === 'average-of-months')
    return {
      ...averageOf(parts),
      months,
      source: `average of the returns for ${parts.map((p) => p.source).join(', ')}`,
    };
  const what =
    overTime.meaning === 'cumulative'
      ? 'year to date'
      : overTime.meaning === 'snapshots'
        ? 'snapshot'
        : 'level';
  return { ...latest, months, reportedMonths, source: `the latest return (${what}), for ${latest.source}` };
}

/**
 * A level's average over the months reported: a value is the mean of the months' values, exact; a
 * proportion is the months' totals set against each other (hours present of hours over the months),
 * which is the ratio of their means.
 */
function averageOf(parts: Gathered[]): Omit<Gathered, 'source'> {
  const count = BigInt(parts.length);
  const total = (pick: (g: Gathered) => bigint | undefined) =>
    parts.every((p) => pick(p) !== undefined)
      ? parts.reduce((total, p) => total + (pick(p) as bigint), 0n)
      : undefined;
  const values = parts.map((p) => p.value).filter((v): v is Rational => v !== undefined);
  return {
    numerator: total((p) => p.numerator),
    denominator: total((p) => p.denominator),
    value:
      values.length === parts.length && values.length > 0
        ? div(values.reduce(add), rational(count))
        : undefined,
    pence: undefined,
  };
}

function fromObservation(
  o: { numerator?: string; denominator?: string; value?: string; pence?: string; evidence?: string },
  source: string,
): Gathered {
  return {
    numerator: o.numerator === undefined ? undefined : BigInt(o.numerator),
    denominator: o.denominator === undefined ? undefined : BigInt(o.denominator),
    value: o.value === undefined ? undefined : fromDecimal(o.value),
    pence: o.pence === undefined ? undefined : BigInt(o.pence),
    evidence: o.evidence,
    source,
  };
}

/** Reported numbers that are levels (a population, hours a week, a mean) rather than amounts that add up over time. */
function isLevel(measure: Measure): boolean {
  return ['reported-value', 'coverage', 'attestation', 'mean', 'median', 'change', 'parity'].includes(
    measure.scoring.kind,
  );
}

const evidenceOfAll = (parts: Gathered[]) =>
  parts.every((p) => p.evidence) ? parts.map((p) => p.evidence).join('; ') : undefined;

/** Adds parts over months (levels: the latest month stands) or over providers (everything adds). */
function sumGathered(parts: Gathered[], levels: boolean): Omit<Gathered, 'source'> {
  const sum = (pick: (g: Gathered) => bigint | undefined) =>
    parts.some((p) => pick(p) !== undefined)
      ? parts.reduce((total, p) => total + (pick(p) ?? 0n), 0n)
      : undefined;
  const values = parts.map((p) => p.value).filter((v): v is Rational => v !== undefined);
  const value = levels ? values.at(-1) : values.length > 0 ? values.reduce(add) : undefined;
  return {
    // A level's evidence is the latest figure's; figures added up stand on all of theirs.
    evidence: levels ? parts.at(-1)?.evidence : evidenceOfAll(parts),
    numerator: sum((p) => p.numerator),
    denominator: sum((p) => p.denominator),
    pence: sum((p) => p.pence),
    value,
  };
}

/** The months every list has. */
export function monthsInEvery(lists: string[][]): string[] {
  const [first = [], ...rest] = lists;
  return first.filter((month) => rest.every((list) => list.includes(month)));
}

/**
 * Record-level tallies for a period, as the dataset declares its rows: events pool over the
 * measure's basis months; snapshots (each the state at the end of its month) take the latest
 * snapshot within the period itself, never a sum and never a month outside it.
 */
export function gatherRecords(
  tallies: RecordTallies,
  measure: Measure,
  dataset: Dataset,
  provider: string,
  period: Period,
  stratum = '',
): { tallies: RecordTally[]; reportedMonths: string[] } {
  const byProvider = tallies.get(measure.name);
  if (!byProvider) return { tallies: [], reportedMonths: [] };
  const providers = provider === WHOLE_CONTRACT ? [...byProvider.keys()] : [provider];
  const snapshots = dataset.overTime.meaning === 'snapshots';
  const months = snapshots ? monthsOf(period) : basisMonths(period, measure.period);
  const found: RecordTally[] = [];
  const reported: string[][] = [];
  for (const p of providers) {
    const byMonth = byProvider.get(p);
    if (!byMonth) continue;
    // A month with records reports every stratum, including those it has no rows for.
    const withData = months.filter((m) => byMonth.get(m)?.get('') !== undefined);
    if (withData.length > 0) reported.push(withData);
    const chosen = snapshots ? withData.slice(-1) : withData;
    for (const month of chosen) {
      const tally = byMonth.get(month)?.get(stratum);
      if (tally) found.push(tally);
    }
  }
  // Pooled records are complete only for the months every provider with data has sent.
  return { tallies: found, reportedMonths: monthsInEvery(reported) };
}
