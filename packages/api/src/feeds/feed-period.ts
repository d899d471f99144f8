import { monthIndexAt, monthsOfTerm, monthText, parseMonthIndex } from '@parity/engine';
import type { Term } from './dataset-rows.js';

/**
 * Why no feed may be sent for this month today, or undefined when one may: the month must be one
 * of the contract term, or of a baseline year its targets are judged against (`baseline`), and
 * must have begun (a feed for the current month is taken as it stands).
 */
export function periodProblem(
  term: Term,
  period: string,
  today: string,
  baseline: readonly string[] = [],
): string | undefined {
  if (!monthsOfTerm(term).includes(period) && !baseline.includes(period))
    return `The period ${period} is outside the contract term ${term.start} to ${term.end}.`;
  const current = monthIndexAt(today, 0);
  if (parseMonthIndex(period) > current)
    return `The period ${period} has not begun: today is ${today}, so the latest month a feed can be sent for is ${monthText(current)}.`;
  return undefined;
}
