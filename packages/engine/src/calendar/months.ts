import { firstDayOfMonthIndex } from './days.js';
import { readDigits } from './digits.js';

/**
 * Months written `YYYY-MM`, and their index `year * 12 + month - 1`, which orders and subtracts
 * them without strings.
 */

/** `YYYY-MM` → month index, or NaN when the text is not a real month. */
export function parseMonthIndex(text: string): number {
  return text.length === 7 ? monthIndexAt(text, 0) : Number.NaN;
}

/**
 * The month index of the `YYYY-MM` at `at` in a longer text (a date's month), or NaN: a feed's
 * fast path reads it in place.
 */
export function monthIndexAt(text: string, at: number): number {
  if (text.charCodeAt(at + 4) !== 45) return Number.NaN;
  const year = readDigits(text, at, 4);
  const month = readDigits(text, at + 5, 2);
  if (!(month >= 1 && month <= 12) || Number.isNaN(year)) return Number.NaN;
  return year * 12 + month - 1;
}

/** `YYYY-MM` of a month index. */
export function monthText(monthIndex: number): string {
  const month = (monthIndex % 12) + 1;
  return `${String(Math.floor(monthIndex / 12)).padStart(4, '0')}-${month < 10 ? '0' : ''}${month}`;
}

/** The text when it is a real month `YYYY-MM`, otherwise undefined. */
export function readMonth(text: string): string | undefined {
  return Number.isNaN(parseMonthIndex(text)) ? undefined : text;
}

/** What is wrong with text given as a month, or undefined when it is one. */
export function monthProblem(text: string): string | undefined {
  if (readMonth(text) !== undefined) return undefined;
  return `'${text}' is not a month: write YYYY-MM with a month from 01 to 12.`;
}

/** The month `offset` months after `month` (negative for before). */
export function addMonths(month: string, offset: number): string {
  return monthText(parseMonthIndex(month) + offset);
}

/** Months from `first` to `last` inclusive; none when `last` is before `first`. */
export function monthRange(first: string, last: string): string[] {
  const from = parseMonthIndex(first);
  const to = parseMonthIndex(last);
  const months: string[] = [];
  for (let index = from; index <= to; index++) months.push(monthText(index));
  return months;
}

/** Every month of a term (`start` and `end` months, inclusive). */
export function monthsOfTerm(term: { start: string; end: string }): string[] {
  return monthRange(term.start, term.end);
}

/** The first day of a month `YYYY-MM`, as a day number. */
export function firstDayOf(month: string): number {
  return firstDayOfMonthIndex(parseMonthIndex(month));
}

/** The first day after a month `YYYY-MM` (the month's end, exclusive), as a day number. */
export function dayAfterMonth(month: string): number {
  return firstDayOfMonthIndex(parseMonthIndex(month) + 1);
}
