import { monthsOfYear, QUARTERS } from '../calendar/index.js';
import type { Period } from '../calendar/periods.js';
import { mul, type Rational, rational, toDecimal } from '../core/rational.js';
import type { MeasureResult } from '../measures/measure-result.js';
import type { ActivityLine } from '../model/contract.js';
import { formatPence } from '../money.js';
import {
  describeRounding,
  type EvaluationContext,
  mainProvider,
  type PricingContext,
  roundLine,
} from './context.js';
import type { PaymentLine } from './payment-line.js';

/** Activity × price, for each month with counted activity, or for the year when only a year's count is known. */
export function evaluateActivity(context: EvaluationContext, activity: ActivityLine): PaymentLine[] {
  const provider = mainProvider(context);
  const year = context.model.contract.year;
  const scored = (periods: Period[]) =>
    periods
      .map((period) => context.measureResult(activity.measure, provider, period))
      .filter((r) => r.status === 'scored');
  // Price activity at the finest period it is counted for: months, else quarters, else the year.
  const monthly = scored(monthsOfYear(year).map((month) => ({ kind: 'month' as const, month })));
  const quarterly =
    monthly.length > 0
      ? []
      : scored(
          QUARTERS.filter((quarter) => hasOwnCount(context, activity, provider, `${year} ${quarter}`)).map(
            (quarter) => ({ kind: 'quarter' as const, year, quarter }),
          ),
        );
  const results =
    monthly.length > 0
      ? monthly
      : quarterly.length > 0
        ? quarterly
        : [context.measureResult(activity.measure, provider, { kind: 'year', year })];
  return results.map((result) => line(context, activity, provider, result));
}

function hasOwnCount(
  context: EvaluationContext,
  activity: ActivityLine,
  provider: string,
  label: string,
): boolean {
  return (
    context.aggregates.get(activity.measure, provider, label) !== undefined ||
    context.aggregates.get(activity.measure, '*', label) !== undefined
  );
}

function line(
  context: EvaluationContext,
  activity: ActivityLine,
  provider: string,
  result: MeasureResult,
): PaymentLine {
  const price = BigInt(activity.pricePence);
  const base = {
    kind: 'activity' as const,
    clause: activity.name,
    provider,
    period: result.period,
    provisional: result.provisional,
  };
  if (result.status !== 'scored' || !result.value) {
    return {
      ...base,
      pence: 0n,
      status: result.status === 'scored' ? 'no-data' : result.status,
      trace: {
        clause: activity.name,
        location: activity.location,
        inputs: {},
        formula: 'no activity counted',
        text: `Activity ${activity.name}, ${result.period}: no activity counted`,
      },
    };
  }
  const pence = activityPence(context, activity, result.value);
  const units = toDecimal(result.value, 2).replace(/\.00$/, '');
  const plan = activity.plan ? `; plan ${activity.plan} ${activity.unit}s for the year` : '';
  return {
    ...base,
    pence,
    status: 'earned',
    trace: {
      clause: activity.name,
      location: activity.location,
      inputs: { ...result.trace.inputs, units, pricePence: activity.pricePence },
      formula: `${units} × ${price}p`,
      rounding: describeRounding(context),
      text: `Activity ${activity.name}, ${result.period}: ${units} ${activity.unit}s × ${formatPence(price)} = ${formatPence(pence)}${plan}`,
    },
  };
}

/** Units of activity at the line's price, rounded as the contract declares. */
export function activityPence(context: PricingContext, activity: ActivityLine, units: Rational): bigint {
  return roundLine(context, mul(units, rational(BigInt(activity.pricePence))));
}
