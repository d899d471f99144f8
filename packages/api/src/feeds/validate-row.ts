import type { DatasetField } from '@parity/engine';

/**
 * Readers for the typed values of a feed's cells. Each takes the cell's text (trimmed, never
 * empty) and returns the canonical value, or undefined when the text is not of the type.
 */

/** A cell as a parser hands it over: text, a spreadsheet date, or nothing. */
export type Cell = string | Date | undefined;

const ZERO = 48;

function digitsAt(text: string, start: number, count: number): number {
  let value = 0;
  for (let i = start; i < start + count; i++) {
    const digit = text.charCodeAt(i) - ZERO;
    if (digit < 0 || digit > 9) return Number.NaN;
    value = value * 10 + digit;
  }
  return value;
}

function daysIn(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function isDateAt(text: string): boolean {
  if (text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return false;
  const year = digitsAt(text, 0, 4);
  const month = digitsAt(text, 5, 2);
  const day = digitsAt(text, 8, 2);
  return month >= 1 && month <= 12 && day >= 1 && day <= daysIn(year, month);
}

/** `YYYY-MM-DD`, a real calendar date. */
export function readDate(text: string): string | undefined {
  return text.length === 10 && isDateAt(text) ? text : undefined;
}

/**
 * `YYYY-MM-DDTHH:MM` (a space instead of the T, and `:00` seconds, are accepted and dropped).
 * Other seconds are refused rather than truncated, which could move a time across a boundary.
 */
export function readDateTime(text: string): string | undefined {
  const length = text.length;
  if ((length !== 16 && length !== 19) || !isDateAt(text)) return undefined;
  const separator = text.charCodeAt(10);
  if ((separator !== 84 && separator !== 32) || text.charCodeAt(13) !== 58) return undefined;
  const hours = digitsAt(text, 11, 2);
  const minutes = digitsAt(text, 14, 2);
  if (!(hours <= 23 && minutes <= 59)) return undefined;
  if (
    length === 19 &&
    (text.charCodeAt(16) !== 58 || text.charCodeAt(17) !== ZERO || text.charCodeAt(18) !== ZERO)
  )
    return undefined;
  return separator === 84 && length === 16 ? text : `${text.slice(0, 10)}T${text.slice(11, 16)}`;
}

/** `YYYY-MM`, a real month. */
export function readMonth(text: string): string | undefined {
  if (text.length !== 7 || text.charCodeAt(4) !== 45) return undefined;
  const month = digitsAt(text, 5, 2);
  return Number.isNaN(digitsAt(text, 0, 4)) || !(month >= 1 && month <= 12) ? undefined : text;
}

const INTEGER = /^[+-]?[0-9]+$/;
const DECIMAL = /^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)$/;

/** A whole number, as canonical digits (no plus sign or leading zeros). */
export function readInteger(text: string): string | undefined {
  if (!INTEGER.test(text)) return undefined;
  return text.length <= 15 ? String(Number(text)) : BigInt(text).toString();
}

/** A decimal number, as canonical text (`-0.50` → `-0.5`), kept as text so it stays exact. */
export function readDecimal(text: string): string | undefined {
  if (!DECIMAL.test(text)) return undefined;
  const negative = text.charCodeAt(0) === 45;
  const unsigned = text.charCodeAt(0) === 45 || text.charCodeAt(0) === 43 ? text.slice(1) : text;
  const point = unsigned.indexOf('.');
  const whole = (point < 0 ? unsigned : unsigned.slice(0, point)).replace(/^0+(?=[0-9])/, '') || '0';
  const fraction = point < 0 ? '' : unsigned.slice(point + 1).replace(/0+$/, '');
  const canonical = fraction ? `${whole}.${fraction}` : whole;
  return negative && canonical !== '0' ? `-${canonical}` : canonical;
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

const EXPECTED: Record<DatasetField['type'], string> = {
  pseudonym: 'a pseudonymous key',
  text: 'text',
  code: 'a code',
  integer: 'a whole number',
  decimal: 'a decimal number',
  money: 'an amount of money in pounds (12.50) or pence (1250p)',
  boolean: 'true or false (yes/no, 1/0)',
  date: 'a date written YYYY-MM-DD',
  datetime: 'a date and time written YYYY-MM-DDTHH:MM',
};

/** What a field must hold, for error messages. */
export function expectedOf(field: DatasetField): string {
  return field.codes ? `one of ${field.codes.join(', ')}` : EXPECTED[field.type];
}

/** The text of a cell, with spreadsheet dates written as the field's type expects. */
export function cellText(cell: Cell, type: DatasetField['type'] | undefined): string {
  if (cell === undefined) return '';
  if (typeof cell === 'string') return cell.trim();
  const iso = cell.toISOString();
  if (type === 'datetime') return iso.endsWith(':00.000Z') ? iso.slice(0, 16) : iso.slice(0, 19);
  return iso.endsWith('T00:00:00.000Z') || type === undefined || type === 'date'
    ? iso.slice(0, 10)
    : iso.slice(0, 16);
}

/** A cell value quoted for an error message. */
export function quoted(text: string): string {
  return JSON.stringify(text.length > 60 ? `${text.slice(0, 57)}...` : text);
}
