import { monthIndexAt, monthsOfTerm, monthText, parseMonthIndex } from '../calendar/index.js';
import type { ContractModel } from '../model/index.js';
import { baselineMonths } from './baseline.js';

/**
 * Why no feed may be sent for a month today, or undefined when one may: the month must be one of
 * the contract's term, or of a baseline year its targets are judged against, and must have begun
 * (a feed for the current month is taken as it stands). `today` is `YYYY-MM-DD`, given by the caller.
 */
export function feedMonthProblem(model: ContractModel, month: string, today: string): string | undefined {
  const { term } = model.contract;
  if (!monthsOfTerm(term).includes(month) && !baselineMonths(model).includes(month))
    return `The period ${month} is outside the contract term ${term.start} to ${term.end}.`;
  const current = monthIndexAt(today, 0);
  if (parseMonthIndex(month) > current)
    return `The period ${month} has not begun: today is ${today}, so the latest month a feed can be sent for is ${monthText(current)}.`;
  return undefined;
}
