import { compare, type Rational } from '../core/rational.js';
import type { Amount } from '../model/common.js';
import type { Limit } from '../model/contract.js';
import { formatPence } from '../money.js';
import { amountPence, type PricingContext, roundLine } from './context.js';

/** A cap or collar in exact pence, with the words that say how it was reached. */
export interface LimitValue {
  pence: Rational;
  /** `5% of budget`, `£1,000,000.00`, or `lesser of (5% of budget = £500,000.00, £1,000,000.00)`. */
  described: string;
  /** For a choice, the candidate taken: `the lesser is 5% of budget = £500,000.00`. */
  chosen?: string;
}

/**
 * The value of a cap or collar: its amount, or for `lesser of` / `greater of` the smallest (or
 * largest) of its candidates, compared exactly before any rounding; on a tie the first listed.
 */
export function limitPence(context: PricingContext, limit: Limit, budgetPence: bigint): LimitValue {
  if (limit.kind === 'money' || limit.kind === 'percent')
    return { pence: amountPence(context, limit, budgetPence), described: describeAmount(limit) };
  const candidates = limit.amounts.map((amount) => ({
    amount,
    pence: amountPence(context, amount, budgetPence),
  }));
  const wantLess = limit.kind === 'lesser-of';
  let best = candidates[0] as (typeof candidates)[number];
  for (const candidate of candidates.slice(1)) {
    const order = compare(candidate.pence, best.pence);
    if (wantLess ? order < 0 : order > 0) best = candidate;
  }
  const word = wantLess ? 'lesser' : 'greater';
  const valued = (c: (typeof candidates)[number]) =>
    c.amount.kind === 'money'
      ? describeAmount(c.amount)
      : `${describeAmount(c.amount)} = ${formatPence(roundLine(context, c.pence))}`;
  return {
    pence: best.pence,
    described: `${word} of (${candidates.map(valued).join(', ')})`,
    chosen: `the ${word} is ${valued(best)}`,
  };
}

/** An amount as the contract writes it: `£1,000,000.00` or `2% of budget`. */
export function describeAmount(amount: Amount): string {
  return amount.kind === 'money' ? formatPence(BigInt(amount.pence)) : `${amount.percent}% of ${amount.base}`;
}
