import { add, type Rational, ZERO } from '../core/rational.js';
import { formatPence } from '../money.js';
import { describeRounding, type PricingContext, roundLine } from './context.js';

/**
 * Rounds a year's exact monthly amounts, in month order, as the contract says. By default each
 * month is rounded on its own. Under `round the annual amount, pay monthly instalments` the year is
 * rounded once: each month pays the running total rounded less what the months before it paid, so
 * the months to date always sum to their exact total rounded once, a month's figure never changes
 * when later months arrive, and the last month carries the year's remainder.
 */
export function roundMonths(context: PricingContext, exact: Rational[]): bigint[] {
  if (context.rounding.totals !== 'annual') return exact.map((amount) => roundLine(context, amount));
  let running = ZERO;
  let paid = 0n;
  return exact.map((amount) => {
    running = add(running, amount);
    const pence = roundLine(context, running) - paid;
    paid += pence;
    return pence;
  });
}

/** How a month was rounded, for its trace: the policy and, under the annual policy, the running total. */
export function describeMonthlyRounding(context: PricingContext, runningPence?: bigint): string {
  if (context.rounding.totals !== 'annual') return describeRounding(context);
  const total = runningPence === undefined ? '' : `; the year so far ${formatPence(runningPence)}`;
  return `the annual amount rounded once (${describeRounding(context)}), paid as monthly instalments${total}`;
}
