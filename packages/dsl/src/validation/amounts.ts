import { normaliseNumber, parseMoney, parsePercent } from '@parity/engine';

/**
 * Numeric readings of literals for checks that compare them (weights summing to 100%, min below
 * max). Exact values stay text for the compiler; a literal that does not parse is reported by the
 * literal checks and reads here as NaN, which no comparison passes.
 */
export function percentOf(text: string): number {
  try {
    return Number(parsePercent(text));
  } catch {
    return Number.NaN;
  }
}

export function numberOf(text: string): number {
  try {
    return Number(normaliseNumber(text));
  } catch {
    return Number.NaN;
  }
}

/** Pence of a money literal, or undefined when it does not parse. */
export function moneyPence(text: string): bigint | undefined {
  try {
    return parseMoney(text);
  } catch {
    return undefined;
  }
}

const SCALE = 6;

/** Sums percentages exactly (to a millionth of a percent) and prints the total: `33.33% + 66.67%` → `"100"`. */
export function sumPercentages(values: string[]): string {
  let total = 0n;
  for (const value of values) {
    const text = (() => {
      try {
        return parsePercent(value);
      } catch {
        return '0';
      }
    })();
    const [whole = '0', fraction = ''] = text.split('.');
    total += BigInt(whole + fraction.slice(0, SCALE).padEnd(SCALE, '0'));
  }
  const digits = total.toString().padStart(SCALE + 1, '0');
  const whole = digits.slice(0, -SCALE);
  const fraction = digits.slice(-SCALE).replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}` : whole;
}
