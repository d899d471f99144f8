import { daysFromCivil, daysInMonth } from './days.js';
import { readDigits } from './digits.js';

/**
 * Dates written `YYYY-MM-DD` and the canonical date-time `YYYY-MM-DDTHH:MM` (UTC), read by character
 * code (the fast path of feeds, literals of the language); `date-times.ts` reads every other form.
 * Readers return NaN (or undefined) for text that is not a real date or time of day.
 */

/** Years whose month starts and lengths are looked up rather than computed: 1900 to 2299. */
const TABLE_FROM = 1900;
const TABLE_YEARS = 400;
const MONTH_STARTS = new Float64Array(TABLE_YEARS * 12);
const MONTH_LENGTHS = new Float64Array(TABLE_YEARS * 12);
for (let i = 0; i < TABLE_YEARS * 12; i++) {
  const year = TABLE_FROM + Math.floor(i / 12);
  MONTH_STARTS[i] = daysFromCivil(year, (i % 12) + 1, 1);
  MONTH_LENGTHS[i] = daysInMonth(year, (i % 12) + 1);
}

/** Day number of the date `YYYY-MM-DD` at `at` in `text`, or NaN. */
export function dayNumberAt(text: string, at: number): number {
  if (text.charCodeAt(at + 4) !== 45 || text.charCodeAt(at + 7) !== 45) return Number.NaN;
  const year = readDigits(text, at, 4);
  const month = readDigits(text, at + 5, 2);
  const day = readDigits(text, at + 8, 2);
  if (!(month >= 1 && month <= 12 && day >= 1) || Number.isNaN(year)) return Number.NaN;
  const index = (year - TABLE_FROM) * 12 + month - 1;
  if (index >= 0 && index < MONTH_STARTS.length)
    return day <= (MONTH_LENGTHS[index] as number) ? (MONTH_STARTS[index] as number) + day - 1 : Number.NaN;
  return day <= daysInMonth(year, month) ? daysFromCivil(year, month, day) : Number.NaN;
}

/** Minutes into the day of `HH:MM` at `at`, or NaN when it is no time of day (00:00 to 23:59). */
function minuteOfDayAt(text: string, at: number): number {
  if (text.charCodeAt(at + 2) !== 58) return Number.NaN;
  const hours = readDigits(text, at, 2);
  const minutes = readDigits(text, at + 3, 2);
  return hours <= 23 && minutes <= 59 ? hours * 60 + minutes : Number.NaN;
}

/** `YYYY-MM-DD` → whole days since 1970-01-01, or NaN. */
export function parseDay(text: string): number {
  return text.length === 10 ? dayNumberAt(text, 0) : Number.NaN;
}

/**
 * Whether `text[start, end)` is exactly a canonical date, or with `time` a canonical date-time:
 * the check of a feed's fast path, which reads cells in place.
 */
export function isDateAt(text: string, start: number, end: number, time: boolean): boolean {
  if (end - start !== (time ? 16 : 10) || Number.isNaN(dayNumberAt(text, start))) return false;
  return !time || (text.charCodeAt(start + 10) === 84 && !Number.isNaN(minuteOfDayAt(text, start + 11)));
}

/** The text when it is a real date `YYYY-MM-DD`, otherwise undefined. */
export function readDate(text: string): string | undefined {
  return Number.isNaN(parseDay(text)) ? undefined : text;
}

/**
 * What is wrong with text given as a date (`YYYY-MM-DD`) or date-time (`YYYY-MM-DDTHH:MM`), or
 * undefined when it is one. The language's literal checks and the feed's cells say the same.
 */
export function dateProblem(text: string): string | undefined {
  if (text.length !== 10 && text.length !== 16) return `'${text}' is not a date: write it as YYYY-MM-DD.`;
  if (Number.isNaN(dayNumberAt(text, 0)))
    return `'${text}' is not a calendar date: write a real date as YYYY-MM-DD.`;
  if (text.length === 16 && Number.isNaN(minuteOfDayAt(text, 11)))
    return `'${text}' has no such time of day: use 00:00 to 23:59.`;
  return undefined;
}

/** Whole days since 1970-01-01 of a date, or of a date-time's date part. */
export function dayNumber(date: string): number {
  return dayNumberAt(date, 0);
}
