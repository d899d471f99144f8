import { financialYearOf } from '../calendar/index.js';
import { compare, fromDecimal } from '../core/rational.js';
import type { AggregateObservation } from './observations.js';

/**
 * A cumulative (year-to-date) return only rises within a year: a month's figure below the month
 * before it, or above a later month's, is most likely a mistake in one of them. It is not refused
 * (a correction to an earlier month may be exactly what is being sent), but the submitter is told,
 * naming both figures, and the latest month's figure stands for the year so far, as always.
 */

const FIGURES = ['numerator', 'denominator', 'value', 'pence'] as const;
type Figure = (typeof FIGURES)[number];

/**
 * What falls, for a provider's monthly figures of one cumulative return: each measure given for
 * `month` compared with the nearest earlier and later months of the same financial year.
 */
export function cumulativeFalls(
  observations: readonly AggregateObservation[],
  provider: string,
  month: string,
): string[] {
  const year = financialYearOf(month);
  const byMeasure = new Map<string, AggregateObservation[]>();
  for (const o of observations) {
    if (o.provider !== provider || o.period.length !== 7 || financialYearOf(o.period) !== year) continue;
    const list = byMeasure.get(o.measure) ?? [];
    list.push(o);
    byMeasure.set(o.measure, list);
  }
  const falls: string[] = [];
  for (const [measure, list] of byMeasure) {
    const now = list.find((o) => o.period === month);
    if (!now) continue;
    const earlier = list
      .filter((o) => o.period < month)
      .sort(byPeriod)
      .at(-1);
    const later = list.filter((o) => o.period > month).sort(byPeriod)[0];
    if (earlier) falls.push(...fallsBetween(measure, earlier, now));
    if (later) falls.push(...fallsBetween(measure, now, later));
  }
  return falls;
}

function byPeriod(a: AggregateObservation, b: AggregateObservation): number {
  return a.period < b.period ? -1 : a.period > b.period ? 1 : 0;
}

/** A message for each figure that is lower in the later month than in the earlier one. */
function fallsBetween(measure: string, before: AggregateObservation, after: AggregateObservation): string[] {
  return FIGURES.filter((figure) => falls(before[figure], after[figure])).map(
    (figure) =>
      `${measure}: the year-to-date ${describe(figure)} falls from ${before[figure]} in ${before.period} to ${after[figure]} in ${after.period}. A cumulative return only rises within a year; check both months' returns (this one is stored, and the latest month's figures stand for the year so far).`,
  );
}

function falls(before: string | undefined, after: string | undefined): boolean {
  return before !== undefined && after !== undefined && compare(fromDecimal(after), fromDecimal(before)) < 0;
}

function describe(figure: Figure): string {
  return figure === 'pence' ? 'amount (pence)' : figure;
}
