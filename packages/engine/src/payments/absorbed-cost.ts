import { monthsOfYear } from '../calendar/index.js';
import { monthsOf, parsePeriod } from '../calendar/periods.js';
import { allocatePence } from '../core/allocate.js';
import { mul, rational, toDecimal } from '../core/rational.js';
import type { AbsorbedCost } from '../model/contract.js';
import { formatPence } from '../money.js';
import { type EvaluationContext, mainProvider, odsOf, roundLine } from './context.js';
import type { PaymentLine } from './payment-line.js';

/**
 * Memoranda of a cost a provider carries beside what the contract pays for it, for each period the
 * funding activities are priced in: the cost carried, the amount paid for it (the funding lines of
 * that period) and the unfunded gap (cost − paid). They move no money and are never payable.
 *
 * A cost of so much a year is a twelfth each month, allocated to the penny so the twelve sum to the
 * year; a cost per unit of an activity is the activity's units in the period × the cost per unit,
 * rounded as the contract rounds its lines.
 */
export function evaluateAbsorbedCost(
  context: EvaluationContext,
  cost: AbsorbedCost,
  lines: readonly PaymentLine[],
): PaymentLine[] {
  const provider = odsOf(context, cost.carriedBy) ?? mainProvider(context);
  const funding = lines.filter((l) => l.kind === 'activity' && cost.fundedBy.includes(l.clause));
  const periods = [...new Set(funding.map((l) => l.period))];
  return periods.flatMap((period) => {
    const paidLines = funding.filter((l) => l.period === period);
    const paid = paidLines.reduce((sum, l) => sum + l.pence, 0n);
    const carried = carriedIn(context, cost, period);
    if (!carried) return [];
    const gap = carried.pence - paid;
    const provisional = paidLines.some((l) => l.provisional);
    const memo = (kind: PaymentLine['kind'], pence: bigint, formula: string, text: string): PaymentLine => ({
      kind,
      clause: cost.name,
      provider,
      period,
      pence,
      status: 'earned',
      provisional,
      trace: {
        clause: cost.name,
        location: cost.location,
        inputs: {
          carriedPence: carried.pence.toString(),
          paidPence: paid.toString(),
          fundedBy: cost.fundedBy.join(', '),
        },
        formula,
        text: `Memorandum: ${text}`,
      },
    });
    const paidBy = paidLines.map((l) => `${l.clause} ${formatPence(l.pence)}`).join(' + ');
    return [
      memo(
        'cost-carried',
        carried.pence,
        carried.formula,
        `${cost.title}, ${period}: ${provider} carries ${carried.text}`,
      ),
      memo(
        'cost-funded',
        paid,
        paidLines.map((l) => `${l.pence}p`).join(' + '),
        `${cost.title}, ${period}: paid ${formatPence(paid)} for it (${paidBy})`,
      ),
      memo(
        'cost-unfunded',
        gap,
        `${carried.pence}p − ${paid}p = ${gap}p`,
        `${cost.title}, ${period}: ${formatPence(gap)} of the ${formatPence(carried.pence)} cost is not paid for and is absorbed by ${provider}`,
      ),
    ];
  });
}

/** The cost carried in a period: twelfths of a year's cost, or units of an activity × its cost. */
function carriedIn(
  context: EvaluationContext,
  cost: AbsorbedCost,
  period: string,
): { pence: bigint; formula: string; text: string } | undefined {
  const year = context.model.contract.year;
  const whole = BigInt(cost.pence);
  const months = monthsOf(parsePeriod(period));
  if (cost.basis.kind === 'year') {
    const twelfths = allocatePence(
      whole,
      monthsOfYear(year).map(() => rational(1n)),
    );
    const pence = monthsOfYear(year).reduce(
      (sum, month, at) => (months.includes(month) ? sum + (twelfths[at] ?? 0n) : sum),
      0n,
    );
    return {
      pence,
      formula: `${months.length}/12 × ${whole}p = ${pence}p`,
      text: `${formatPence(pence)} (${months.length === 12 ? 'the year' : `${months.length} twelfth${months.length === 1 ? '' : 's'}`} of ${formatPence(whole)} a year)`,
    };
  }
  const basis = cost.basis;
  const activity = context.model.contract.activities.find((a) => a.name === basis.activity);
  if (!activity) return undefined;
  const result = context.measureResult(activity.measure, mainProvider(context), parsePeriod(period));
  if (result.status !== 'scored' || !result.value) return undefined;
  const pence = roundLine(context, mul(result.value, rational(whole)));
  const units = toDecimal(result.value, 2).replace(/\.00$/, '');
  return {
    pence,
    formula: `${units} × ${whole}p`,
    text: `${formatPence(pence)} (${units} ${basis.unit}s × ${formatPence(whole)})`,
  };
}
