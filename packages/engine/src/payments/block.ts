import { monthsOfQuarter, monthsOfYear, QUARTERS } from '../calendar/index.js';
import { allocatePence } from '../core/allocate.js';
import { rational } from '../core/rational.js';
import { formatPence } from '../money.js';
import { type EvaluationContext, isProvisional, mainProvider, type PricingContext } from './context.js';
import type { PaymentLine } from './payment-line.js';
import { schemeValue } from './scheme.js';

/**
 * A block contract's annual value paid in equal instalments whose pennies add up to the value, less
 * any withhold (held back in equal parts and released on outcomes by the withhold scheme).
 */
export function evaluateBlock(context: EvaluationContext): PaymentLine[] {
  const contract = context.model.contract;
  if (!contract.valuePence || !contract.instalments) return [];
  const value = BigInt(contract.valuePence);
  const instalments = blockInstalments(context);
  const withheld = instalments.reduce((sum, i) => sum + i.withheld, 0n);
  const provider = mainProvider(context);
  return instalments.map((instalment, index) => {
    const { pence, label } = instalment;
    const gross = pence + instalment.withheld;
    const less =
      withheld > 0n
        ? `, less ${formatPence(instalment.withheld)} withheld (${formatPence(withheld)} in all, released on outcomes)`
        : '';
    const text = `Block instalment ${index + 1} of ${instalments.length}, ${label}: ${formatPence(value)} ÷ ${instalments.length} = ${formatPence(gross)}${less}`;
    return {
      kind: 'block' as const,
      clause: contract.name,
      provider,
      period: label,
      pence,
      status: 'earned' as const,
      provisional: isProvisional(context, instalment.last),
      trace: {
        clause: contract.name,
        location: contract.location,
        inputs: { valuePence: value.toString(), instalments: String(instalments.length) },
        formula: `${value}p ÷ ${instalments.length}, remainders to the earliest instalments`,
        text,
      },
    };
  });
}

/** A block instalment: its period, the month it ends and the pence paid, after the part withheld. */
export interface Instalment {
  label: string;
  last: string;
  pence: bigint;
  withheld: bigint;
}

/**
 * A block contract's instalments: its value in equal parts whose pennies add up to it, less the
 * contract's withholds (each rounded as the contract declares) in equal parts likewise.
 */
export function blockInstalments(context: PricingContext): Instalment[] {
  const contract = context.model.contract;
  if (!contract.valuePence || !contract.instalments) return [];
  const year = contract.year;
  const periods =
    contract.instalments === 'monthly'
      ? monthsOfYear(year).map((month) => ({ label: month, last: month }))
      : contract.instalments === 'quarterly'
        ? QUARTERS.map((q) => ({ label: `${year} ${q}`, last: monthsOfQuarter(year, q)[2] as string }))
        : [{ label: year, last: monthsOfYear(year)[11] as string }];
  const equal = periods.map(() => rational(1n));
  const parts = allocatePence(BigInt(contract.valuePence), equal);
  const withheld = contract.schemes
    .filter((s) => s.kind === 'withhold')
    .reduce((sum, s) => sum + schemeValue(context, s), 0n);
  const held = allocatePence(withheld, equal);
  return periods.map((period, index) => {
    const less = held[index] ?? 0n;
    return { ...period, pence: (parts[index] ?? 0n) - less, withheld: less };
  });
}
