/**
 * Readers for the numbers a cell may hold: whole numbers, exact decimals and money. Each takes the
 * cell's text (trimmed, never empty) and returns the canonical value, or undefined when the text
 * is not of the type.
 */

const INTEGER = /^[+-]?[0-9]+$/;
const DECIMAL = /^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)$/;

/** A whole number, as canonical digits (no plus sign or leading zeros, `0` for minus zero). */
export function readInteger(text: string): string | undefined {
  if (!INTEGER.test(text)) return undefined;
  return text.length <= 15 ? String(Number(text)) : BigInt(text).toString();
}

/** A decimal number, as canonical text (`-0.50` → `-0.5`), kept as text so it stays exact. */
export function readDecimal(text: string): string | undefined {
  if (!DECIMAL.test(text)) return undefined;
  const first = text.charCodeAt(0);
  const negative = first === 45;
  const unsigned = first === 45 || first === 43 ? text.slice(1) : text;
  const point = unsigned.indexOf('.');
  const whole = (point < 0 ? unsigned : unsigned.slice(0, point)).replace(/^0+(?=[0-9])/, '') || '0';
  const fraction = point < 0 ? '' : unsigned.slice(point + 1).replace(/0+$/, '');
  const canonical = fraction ? `${whole}.${fraction}` : whole;
  return negative && canonical !== '0' ? `-${canonical}` : canonical;
}

/**
 * Money as integer pence: pounds (`12.50`, `£1,250.00`, `-3.2`, at most two decimal places, commas
 * only between groups of three digits) or pence with a `p` (`1250p`). Undefined when it is
 * neither, or too large to hold exactly. Read character by character: it runs for every money
 * cell of a feed.
 */
export function readPence(text: string): number | undefined {
  const length = text.length;
  let i = 0;
  const negative = text.charCodeAt(0) === 45;
  if (negative || text.charCodeAt(0) === 43) i++;
  if (text.charCodeAt(i) === 163) i++;
  if (i >= length) return undefined;
  if (text.charCodeAt(length - 1) === 112) return penceOnly(text, i, length - 1, negative);
  let whole = 0;
  let digits = 0;
  let groupDigits = -1;
  for (; i < length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 48 && code <= 57) {
      whole = whole * 10 + (code - 48);
      digits++;
      if (groupDigits >= 0) groupDigits++;
    } else if (code === 44) {
      // A comma ends a group: the first of one to three digits, the rest of exactly three.
      if (groupDigits === -1 ? digits < 1 || digits > 3 : groupDigits !== 3) return undefined;
      groupDigits = 0;
    } else break;
  }
  if (digits === 0 || (groupDigits !== -1 && groupDigits !== 3)) return undefined;
  let fraction = 0;
  if (i < length) {
    if (text.charCodeAt(i) !== 46 || i + 1 === length || length - i - 1 > 2) return undefined;
    for (let j = i + 1; j < length; j++) {
      const code = text.charCodeAt(j) - 48;
      if (code < 0 || code > 9) return undefined;
      fraction = fraction * 10 + code;
    }
    if (length - i - 1 === 1) fraction *= 10;
  }
  return safePence(whole * 100 + fraction, negative, digits);
}

function penceOnly(text: string, start: number, end: number, negative: boolean): number | undefined {
  if (start >= end) return undefined;
  let value = 0;
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i) - 48;
    if (code < 0 || code > 9) return undefined;
    value = value * 10 + code;
  }
  return end - start > 15 ? undefined : safePence(value, negative, 0);
}

/** Pence within the range a double holds exactly (over 13 digits of pounds is refused). */
function safePence(pence: number, negative: boolean, wholeDigits: number): number | undefined {
  if (wholeDigits > 13 || !Number.isSafeInteger(pence)) return undefined;
  return negative && pence !== 0 ? -pence : pence;
}

const BOOLEANS = new Map<string, boolean>([
  ['true', true],
  ['yes', true],
  ['1', true],
  ['false', false],
  ['no', false],
  ['0', false],
]);

/** true/false, yes/no or 1/0 in any case. */
export function readBoolean(text: string): boolean | undefined {
  return BOOLEANS.get(text) ?? BOOLEANS.get(text.toLowerCase());
}
