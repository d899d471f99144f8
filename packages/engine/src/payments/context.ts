import { dayAfterMonth, dayNumber } from '../calendar/index.js';
import { type Period, periodLabel } from '../calendar/periods.js';
import { fromPercent, mul, type Rational, rational } from '../core/rational.js';
import { roundPence } from '../core/rounding.js';
import { evaluateMeasure, type MeasureContext } from '../measures/evaluate-measure.js';
import type { MeasureResult } from '../measures/measure-result.js';
import type { Amount } from '../model/common.js';
import type { Rounding } from '../model/contract.js';
import type { ContractModel } from '../model/index.js';

/** What pricing a clause reads: the model and its rounding. The contract alone fixes these figures. */
export interface PricingContext {
  model: ContractModel;
  rounding: Rounding;
}

export function pricingContext(model: ContractModel): PricingContext {
  return { model, rounding: model.contract.rounding };
}

/** Everything payment rules read: the model, the as-of date, the data, and memoised measure results. */
export interface EvaluationContext extends MeasureContext, PricingContext {
  measureResult(measure: string, provider: string, period: Period): MeasureResult;
}

export function createEvaluationContext(measures: MeasureContext): EvaluationContext {
  const cache = new Map<string, MeasureResult>();
  return {
    ...measures,
    rounding: measures.model.contract.rounding,
    measureResult(measure, provider, period) {
      const key = `${measure}|${provider}|${periodLabel(period)}`;
      const cached = cache.get(key);
      if (cached) return cached;
      const result = evaluateMeasure(measures, measure, provider, period);
      cache.set(key, result);
      return result;
    },
  };
}

/** An amount in exact pence: money as given, or a percentage of the contract value or budget. */
export function amountPence(context: PricingContext, amount: Amount, budgetPence?: bigint): Rational {
  if (amount.kind === 'money') return rational(BigInt(amount.pence));
  const base =
    amount.base === 'budget' ? (budgetPence ?? 0n) : BigInt(context.model.contract.valuePence ?? '0');
  return mul(rational(base), fromPercent(amount.percent));
}

export function roundLine(context: PricingContext, amount: Rational): bigint {
  return roundPence(amount, context.rounding);
}

export function describeRounding(context: PricingContext): string {
  return `${context.rounding.mode} to the ${context.rounding.unit}`;
}

/** The ODS code of an organisation named in the model. */
export function odsOf(context: EvaluationContext, organisation: string | undefined): string | undefined {
  if (!organisation) return undefined;
  return context.model.organisations.find((o) => o.name === organisation)?.ods;
}

/**
 * The provider an unattributed clause pays: the only provider or prime, or in a sub-contract (one
 * `under` a prime contract) the only subcontractor, since the prime pays it; otherwise the whole
 * contract.
 */
export function mainProvider(context: { model: ContractModel }): string {
  const parties = context.model.contract.parties;
  const delivering = context.model.contract.parent
    ? parties.filter((p) => p.role === 'subcontractor')
    : parties.filter((p) => p.role === 'provider' || p.role === 'prime');
  return delivering.length === 1 ? (delivering[0]?.ods ?? '*') : '*';
}

/** True while a period ending with `lastMonth` is still running at the as-of date. */
export function isProvisional(context: EvaluationContext, lastMonth: string): boolean {
  return dayNumber(context.asOf) < dayAfterMonth(lastMonth);
}
