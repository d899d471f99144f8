import { monthsOfQuarter, monthsOfYear, QUARTERS } from '../calendar/index.js';
import { allocatePence } from '../core/allocate.js';
import { rational } from '../core/rational.js';
import { formatPence } from '../money.js';
import { type EvaluationContext, isProvisional, mainProvider } from './context.js';
import type { PaymentLine } from './payment-line.js';

/** A block contract's annual value paid in equal instalments whose pennies add up to the value. */
export function evaluateBlock(context: EvaluationContext): PaymentLine[] {
  const contract = context.model.contract;
  if (!contract.valuePence || !contract.instalments) return [];
  const value = BigInt(contract.valuePence);
  const year = contract.year;
  const periods =
    contract.instalments === 'monthly'
      ? monthsOfYear(year).map((month) => ({ label: month, last: month }))
      : contract.instalments === 'quarterly'
        ? QUARTERS.map((q) => ({ label: `${year} ${q}`, last: monthsOfQuarter(year, q)[2] as string }))
        : [{ label: year, last: monthsOfYear(year)[11] as string }];
  const parts = allocatePence(
    value,
    periods.map(() => rational(1n)),
  );
  const provider = mainProvider(context);
  return periods.map((period, index) => {
    const pence = parts[index] ?? 0n;
    const text = `Block instalment ${index + 1} of ${periods.length}, ${period.label}: ${formatPence(value)} ÷ ${periods.length} = ${formatPence(pence)}`;
    return {
      kind: 'block' as const,
      clause: contract.name,
      provider,
      period: period.label,
      pence,
      status: 'earned' as const,
      provisional: isProvisional(context, period.last),
      trace: {
        clause: contract.name,
        location: contract.location,
        inputs: { valuePence: value.toString(), instalments: String(periods.length) },
        formula: `${value}p ÷ ${periods.length}, remainders to the earliest instalments`,
        text,
      },
    };
  });
}
