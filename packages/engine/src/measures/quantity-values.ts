import { fromDecimal, type Rational, rational } from '../core/rational.js';
import type { FieldValue } from './observations.js';

/**
 * Numbers in records are evaluated exactly. The fast path holds a quantity as an integer count of
 * 10^-places units in a double, which is exact below 2^53; a value that does not fit (more decimal
 * places, or too large) is held only in the row and evaluated with rationals instead.
 */

/** Decimal fields are held to this many places on the fast path. */
export const DECIMAL_PLACES = 6;
const DECIMAL_SCALE = 10 ** DECIMAL_PLACES;
/** Below this magnitude a number given with at most DECIMAL_PLACES places is read back exactly. */
const DECIMAL_FAST_LIMIT = 1e9;

/** Returned by the readers below for a valid value that only the exact path can hold. */
export const NOT_FAST = Number.POSITIVE_INFINITY;

const INTEGER_TEXT = /^-?[0-9]+$/;
const DECIMAL_EXPONENT = /^(-?)([0-9]+)(?:\.([0-9]+))?e([+-]?[0-9]+)$/;

/** An integer field's value as a count of units, NOT_FAST, or NaN when it is not an integer. */
export function integerUnits(value: FieldValue): number {
  if (typeof value === 'number')
    return Number.isSafeInteger(value) ? value : Number.isInteger(value) ? NOT_FAST : Number.NaN;
  if (typeof value === 'bigint')
    return value <= 9007199254740991n && value >= -9007199254740991n ? Number(value) : NOT_FAST;
  if (typeof value === 'string' && INTEGER_TEXT.test(value))
    return value.length <= 15 ? Number(value) : NOT_FAST;
  return Number.NaN;
}

/** Money is integer pence, as a number or a bigint; text is refused so that "£12.50" cannot slip in. */
export function penceUnits(value: FieldValue): number {
  return typeof value === 'string' ? Number.NaN : integerUnits(value);
}

/** A decimal field's value in 10^-6 units, NOT_FAST, or NaN when it is not a decimal number. */
export function decimalUnits(value: FieldValue): number {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return Number.NaN;
    if (Math.abs(value) >= DECIMAL_FAST_LIMIT) return NOT_FAST;
    // A double stands for the shortest decimal that reads back as it (what String() prints); that
    // decimal has at most six places exactly when the rounded units read back as the same double.
    const units = Math.round(value * DECIMAL_SCALE);
    return units / DECIMAL_SCALE === value ? units : NOT_FAST;
  }
  if (typeof value === 'string') return decimalTextUnits(value);
  if (typeof value === 'bigint')
    return value < 1_000_000_000n && value > -1_000_000_000n ? Number(value) * DECIMAL_SCALE : NOT_FAST;
  return Number.NaN;
}

/** Multiplier from units at n places to units at DECIMAL_PLACES. */
const SCALE_UP = Array.from({ length: DECIMAL_PLACES + 1 }, (_, places) => 10 ** (DECIMAL_PLACES - places));

/** Decimal text read by character code: no regular expression, no slices. */
function decimalTextUnits(text: string): number {
  const negative = text.charCodeAt(0) === 45;
  let units = 0;
  let wholeDigits = 0;
  let places = -1;
  for (let i = negative ? 1 : 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 46 && places < 0 && wholeDigits > 0) {
      places = 0;
      continue;
    }
    const digit = code - 48;
    if (!(digit >= 0 && digit <= 9)) return Number.NaN;
    units = units * 10 + digit;
    if (places >= 0) places++;
    else wholeDigits++;
  }
  if (wholeDigits === 0 || places === 0) return Number.NaN;
  if (places > DECIMAL_PLACES || wholeDigits > 9) return NOT_FAST;
  const scaled = units * (SCALE_UP[Math.max(places, 0)] as number);
  return negative && scaled !== 0 ? -scaled : scaled;
}

/** The exact value of a field, for the exact path. Assumes the value passed validation. */
export function exactFieldValue(value: FieldValue, type: 'integer' | 'decimal' | 'money'): Rational {
  if (typeof value === 'bigint') return rational(value);
  if (type !== 'decimal') return rational(BigInt(value as number | string));
  return typeof value === 'number' ? exactNumber(value) : fromDecimal(value as string);
}

/** The exact value of the shortest decimal that reads back as a double, exponent form included. */
export function exactNumber(value: number): Rational {
  const text = String(value);
  const match = DECIMAL_EXPONENT.exec(text);
  if (!match) return fromDecimal(text);
  const [, sign = '', whole = '0', fraction = '', exponentText = '0'] = match;
  const exponent = Number(exponentText) - fraction.length;
  const digits = BigInt(`${sign}${whole}${fraction}`);
  return exponent >= 0
    ? rational(digits * 10n ** BigInt(exponent))
    : rational(digits, 10n ** BigInt(-exponent));
}

/** An exact value from units held at `places` decimal places. */
export function exactUnits(units: number, places: number): Rational {
  return rational(BigInt(units), 10n ** BigInt(places));
}
