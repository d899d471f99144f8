import type { Rational } from './rational.js';

/**
 * Splits a whole number of pence into parts in proportion to the given weights, so that the parts
 * always sum exactly to the whole: each part gets its floor, and the pennies left over go one each
 * to the parts with the largest remainders (earliest first on ties). Weights must not be negative
 * and must not all be zero.
 */
export function allocatePence(total: bigint, weights: Rational[]): bigint[] {
  if (weights.length === 0) return [];
  if (weights.some((w) => w.n < 0n)) throw new RangeError('allocation weights must not be negative');
  // Put every weight over a common denominator so they become integers.
  const common = weights.reduce((acc, w) => (acc * w.d) / gcd(acc, w.d), 1n);
  const integers = weights.map((w) => (w.n * common) / w.d);
  const sum = integers.reduce((a, b) => a + b, 0n);
  if (sum === 0n) throw new RangeError('allocation weights must not all be zero');
  const negative = total < 0n;
  const magnitude = negative ? -total : total;
  const parts = integers.map((w) => (magnitude * w) / sum);
  const remainders = integers.map((w, index) => ({ index, remainder: (magnitude * w) % sum }));
  let left = magnitude - parts.reduce((a, b) => a + b, 0n);
  remainders.sort((a, b) =>
    a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1,
  );
  for (const { index } of remainders) {
    if (left === 0n) break;
    parts[index] = (parts[index] ?? 0n) + 1n;
    left -= 1n;
  }
  return negative ? parts.map((p) => -p) : parts;
}

function gcd(a: bigint, b: bigint): bigint {
  let x = a;
  let y = b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}
