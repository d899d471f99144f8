import {
  dayAfterMonth,
  dayNumber,
  firstDayOf,
  monthsOfQuarter,
  monthsOfYear,
  QUARTERS,
} from '../calendar/index.js';
import { allocatePence } from '../core/allocate.js';
import { fromPercent, mul, rational } from '../core/rational.js';
import type { Scheme } from '../model/contract.js';
import { formatPence } from '../money.js';
import { amountPence, type EvaluationContext, mainProvider, roundLine } from './context.js';
import type { PaymentLine } from './payment-line.js';

/**
 * Payments on account: a scheme paid in advance at a stated percentage of its value, in equal
 * instalments up to the as-of date; at year end a reconciliation line nets them against what the
 * indicators finally earned (negative when the provider repays).
 */
export function evaluateOnAccount(
  context: EvaluationContext,
  scheme: Scheme,
  earned: PaymentLine[],
): PaymentLine[] {
  if (!scheme.onAccount) return [];
  const year = context.model.contract.year;
  const advance = roundLine(
    context,
    mul(amountPence(context, scheme.worth), fromPercent(scheme.onAccount.percent)),
  );
  const periods =
    scheme.onAccount.schedule === 'monthly'
      ? monthsOfYear(year).map((m) => ({ label: m, first: m }))
      : scheme.onAccount.schedule === 'quarterly'
        ? QUARTERS.map((q) => ({ label: `${year} ${q}`, first: monthsOfQuarter(year, q)[0] as string }))
        : [{ label: year, first: monthsOfYear(year)[0] as string }];
  const parts = allocatePence(
    advance,
    periods.map(() => rational(1n)),
  );
  const provider = mainProvider(context);
  const asOfDay = dayNumber(context.asOf);
  const lines: PaymentLine[] = periods
    .map((period, index) => ({ period, pence: parts[index] ?? 0n, index }))
    // Paid in advance: an instalment is due once its period has begun.
    .filter(({ period }) => firstDayOf(period.first) <= asOfDay)
    .map(({ period, pence, index }) => ({
      kind: 'on-account' as const,
      clause: scheme.name,
      scheme: scheme.name,
      provider,
      period: period.label,
      pence,
      status: 'earned' as const,
      provisional: false,
      trace: {
        clause: scheme.name,
        location: scheme.location,
        inputs: { advancePence: advance.toString() },
        formula: `${scheme.onAccount?.percent}% of the scheme ÷ ${periods.length}`,
        text: `${scheme.name} on account ${index + 1} of ${periods.length}, ${period.label}: ${formatPence(pence)}`,
      },
    }));
  const yearEnded = asOfDay >= dayAfterMonth(monthsOfYear(year)[11] as string);
  if (!yearEnded) return lines;
  const paid = lines.reduce((sum, line) => sum + line.pence, 0n);
  const due = earned.reduce((sum, line) => sum + line.pence, 0n);
  const balance = due - paid;
  return [
    ...lines,
    {
      kind: 'reconciliation',
      clause: scheme.name,
      scheme: scheme.name,
      provider,
      period: year,
      pence: balance,
      status: 'earned',
      provisional: false,
      trace: {
        clause: scheme.name,
        location: scheme.location,
        inputs: { earnedPence: due.toString(), paidOnAccountPence: paid.toString() },
        formula: `${due}p earned − ${paid}p paid on account`,
        text: `${scheme.name} year-end reconciliation, ${year}: earned ${formatPence(due)} − paid on account ${formatPence(paid)} = ${formatPence(balance)}${balance < 0n ? ' (repaid by the provider)' : ''}`,
      },
    },
  ];
}
