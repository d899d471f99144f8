/**
 * Exact rational numbers over bigint, for attainment, rates and shares. Always normalised: the
 * denominator is positive and the fraction is in lowest terms.
 */
export interface Rational {
  readonly n: bigint;
  readonly d: bigint;
}

const gcd = (a: bigint, b: bigint): bigint => {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
};

export function rational(n: bigint, d = 1n): Rational {
  if (d === 0n) throw new RangeError('division by zero');
  const sign = d < 0n ? -1n : 1n;
  const divisor = gcd(n, d) || 1n;
  return { n: (sign * n) / divisor, d: (sign * d) / divisor };
}

export const ZERO = rational(0n);
export const ONE = rational(1n);

/** Reads exact decimal text: `"62.5"` → 125/2, `"-0.125"` → -1/8. */
export function fromDecimal(text: string): Rational {
  const negative = text.startsWith('-');
  const [whole = '0', fraction = ''] = (negative ? text.slice(1) : text).split('.');
  const n = BigInt(whole + fraction) * (negative ? -1n : 1n);
  return rational(n, 10n ** BigInt(fraction.length));
}

/** A percentage's fraction: `"1.25"` (percent) → 1/80. */
export function fromPercent(text: string): Rational {
  return div(fromDecimal(text), rational(100n));
}

export const add = (a: Rational, b: Rational) => rational(a.n * b.d + b.n * a.d, a.d * b.d);
export const sub = (a: Rational, b: Rational) => rational(a.n * b.d - b.n * a.d, a.d * b.d);
export const mul = (a: Rational, b: Rational) => rational(a.n * b.n, a.d * b.d);
export const div = (a: Rational, b: Rational) => rational(a.n * b.d, a.d * b.n);
export const compare = (a: Rational, b: Rational) => {
  const left = a.n * b.d;
  const right = b.n * a.d;
  return left < right ? -1 : left > right ? 1 : 0;
};
export const min = (a: Rational, b: Rational) => (compare(a, b) <= 0 ? a : b);
export const max = (a: Rational, b: Rational) => (compare(a, b) >= 0 ? a : b);
export const clamp = (value: Rational, low: Rational, high: Rational) => max(low, min(high, value));
export const isZero = (a: Rational) => a.n === 0n;
export const negate = (a: Rational) => rational(-a.n, a.d);
export const fromPence = (pence: bigint) => rational(pence);

/** Decimal text with at most `digits` places, rounded half-up, trailing zeros kept: 0.125 → "0.125". */
export function toDecimal(value: Rational, digits = 4): string {
  const scale = 10n ** BigInt(digits);
  const scaled = roundHalfUp(value.n * scale, value.d);
  const negative = scaled < 0n;
  const magnitude = (negative ? -scaled : scaled).toString().padStart(digits + 1, '0');
  const whole = magnitude.slice(0, magnitude.length - digits);
  const fraction = digits > 0 ? `.${magnitude.slice(-digits)}` : '';
  return `${negative ? '-' : ''}${whole}${fraction}`;
}

/** A percentage to one decimal place, as finance reports show it: 9/20 → "45.0%". */
export function toPercentText(value: Rational, digits = 1): string {
  return `${toDecimal(mul(value, rational(100n)), digits)}%`;
}

function roundHalfUp(n: bigint, d: bigint): bigint {
  const negative = n < 0n;
  const magnitude = negative ? -n : n;
  const rounded = (2n * magnitude + d) / (2n * d);
  return negative ? -rounded : rounded;
}

export function equals(a: Rational, b: Rational): boolean {
  return a.n === b.n && a.d === b.d;
}
