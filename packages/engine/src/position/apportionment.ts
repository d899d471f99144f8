import { allocatePence } from '../core/allocate.js';
import { fromDecimal, fromPercent, type Rational } from '../core/rational.js';
import type { ContractModel } from '../model/index.js';
import type { EvaluationContext } from '../payments/context.js';

/** A commissioner and the weight of its share: its fixed share, or its population. */
export interface CommissionerShare {
  ods: string;
  weight: Rational;
}

/**
 * How a contract funded by several commissioners is apportioned among them (`apportioned by
 * fixed` shares, by `population`, or by `activity`: each commissioner's activity measure over the
 * year to date, read from the evaluation's `context`), in the order the contract names them;
 * undefined when one commissioner pays it all, or there are no weights to apportion by (no
 * activity counted yet, or no context to count it in).
 */
export function commissionerShares(
  model: ContractModel,
  context?: EvaluationContext,
): CommissionerShare[] | undefined {
  const commissioners = model.contract.parties.filter((p) => p.role === 'commissioner');
  if (commissioners.length < 2) return undefined;
  const basis = model.contract.apportionment ?? 'fixed';
  const weights = commissioners.map((p) => {
    if (basis === 'population' && p.population !== undefined) return fromDecimal(p.population);
    if (basis === 'fixed' && p.sharePercent !== undefined) return fromPercent(p.sharePercent);
    if (basis === 'activity' && p.activityMeasure !== undefined && context)
      return activityOf(context, p.activityMeasure);
    return undefined;
  });
  if (weights.some((w) => w === undefined) || weights.every((w) => w?.n === 0n)) return undefined;
  return commissioners.map((p, i) => ({ ods: p.ods, weight: weights[i] as Rational }));
}

/** A commissioner's activity over the year to date, or undefined when none is scored yet. */
function activityOf(context: EvaluationContext, measure: string): Rational | undefined {
  const result = context.measureResult(measure, '*', { kind: 'year', year: context.model.contract.year });
  return result.status === 'scored' ? result.value : undefined;
}

/**
 * An amount apportioned among the commissioners, exactly: each share rounded down and the pennies
 * left over to the largest remainders, so the shares always sum to the amount.
 */
export function apportion(pence: bigint, shares: readonly CommissionerShare[]): Record<string, string> {
  const parts = allocatePence(
    pence,
    shares.map((s) => s.weight),
  );
  return Object.fromEntries(shares.map((s, i) => [s.ods, (parts[i] ?? 0n).toString()]));
}

/** Each commissioner's total: the sum of its shares of the lines, which sum to the lines' total. */
export function apportionedTotals(
  lines: readonly { pence: bigint }[],
  shares: readonly CommissionerShare[],
): Record<string, string> {
  const totals = new Map(shares.map((s) => [s.ods, 0n]));
  for (const line of lines)
    for (const [ods, pence] of Object.entries(apportion(line.pence, shares)))
      totals.set(ods, (totals.get(ods) ?? 0n) + BigInt(pence));
  return Object.fromEntries([...totals].map(([ods, pence]) => [ods, pence.toString()]));
}
