import type { FieldType } from '../model/measure.js';

/**
 * The bounds every cell of a field type keeps, once: a feed's careful and fast paths and the
 * engine's row decoding all hold them. Text has a length; a pseudonymous key looks like one (a
 * token of letters, digits and `- _ . : + / =`, as hashing and tokenising services write them, never
 * a name or a sentence); whole numbers count things (people, nights, years of age) and are never
 * negative; no number has more digits than a double holds exactly. A decimal may be negative (a
 * change in weight), and so may money (a credit).
 */
export const MAX_TEXT_LENGTH = 1000;
export const MAX_PSEUDONYM_LENGTH = 128;
/** Digits a whole number, or either part of a decimal, may have. */
export const MAX_DIGITS = 15;

/** The longest text a free-text, code or pseudonym cell may hold. */
export function maxLength(type: FieldType): number | undefined {
  if (type === 'pseudonym') return MAX_PSEUDONYM_LENGTH;
  if (type === 'text' || type === 'code') return MAX_TEXT_LENGTH;
  return undefined;
}

/** Whether `text[start, end)` has the shape of a pseudonymous key (its length is checked apart). */
export function isPseudonymAt(text: string, start: number, end: number): boolean {
  if (end <= start) return false;
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i);
    const letterOrDigit =
      (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
    if (!letterOrDigit && !(i > start && PSEUDONYM_MARKS.includes(code))) return false;
  }
  return true;
}

/** `- _ . : + / =`, allowed after the first character. */
const PSEUDONYM_MARKS = [45, 95, 46, 58, 43, 47, 61];

/**
 * What is wrong with a cell's text for its type's bounds, or undefined when it keeps them. Never
 * quotes the text: a cell too long, or a key that is not a key, may be what identifies someone.
 */
export function valueLimitProblem(type: FieldType, text: string): string | undefined {
  const longest = maxLength(type);
  if (longest !== undefined && text.length > longest)
    return `is ${text.length.toLocaleString('en-GB')} characters long; ${type === 'pseudonym' ? 'a pseudonymous key' : 'text'} may have at most ${longest.toLocaleString('en-GB')}`;
  if (type === 'pseudonym' && !isPseudonymAt(text, 0, text.length))
    return `must be a pseudonymous key: letters and digits, with - _ . : + / = after the first, no spaces (the value is not repeated)`;
  if (type === 'integer' || type === 'decimal') {
    if (type === 'integer' && text.startsWith('-') && /[1-9]/.test(text))
      return 'must be 0 or more: a whole number counts something (people, nights, years of age)';
    const unsigned = text.replace(/^[+-]/, '');
    const [whole = '', fraction = ''] = unsigned.split('.');
    if (whole.replace(/^0+(?=[0-9])/, '').length > MAX_DIGITS || fraction.length > MAX_DIGITS)
      return `has more than ${MAX_DIGITS} digits${type === 'decimal' ? ' before or after the point' : ''}`;
  }
  return undefined;
}
