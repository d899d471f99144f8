import type { Rounding } from '../model/contract.js';
import type { Rational } from './rational.js';

export type RoundingMode = Rounding['mode'];

/**
 * Rounds an exact amount of pence to a whole penny (or pound) by a named mode. Half-up and
 * half-even round halves away from zero and to even; `down` and `up` go towards and away from zero.
 */
export function roundPence(amount: Rational, rounding: Rounding): bigint {
  const unit = rounding.unit === 'pound' ? 100n : 1n;
  const n = amount.n;
  const d = amount.d * unit;
  const negative = n < 0n;
  const magnitude = negative ? -n : n;
  const quotient = magnitude / d;
  const remainder = magnitude % d;
  let rounded = quotient;
  if (remainder !== 0n) {
    const twice = 2n * remainder;
    switch (rounding.mode) {
      case 'down':
        break;
      case 'up':
        rounded = quotient + 1n;
        break;
      case 'half-up':
        rounded = twice >= d ? quotient + 1n : quotient;
        break;
      case 'half-even':
        rounded = twice > d || (twice === d && quotient % 2n === 1n) ? quotient + 1n : quotient;
        break;
    }
  }
  return (negative ? -rounded : rounded) * unit;
}

export const PENNY_HALF_UP: Rounding = { mode: 'half-up', unit: 'penny' };
