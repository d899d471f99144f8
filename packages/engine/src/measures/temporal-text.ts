import { daysFromCivil, daysInMonth, MINUTES_PER_DAY } from './calendar.js';

/**
 * Readers for the date and time text that records carry, by character code so that a million rows
 * do not allocate a million arrays. Each returns NaN for text that is not a real date or time.
 */

/** A digit's value, or NaN: NaN then runs through the arithmetic and fails the range checks. */
function digit(text: string, at: number): number {
  const value = text.charCodeAt(at) - 48;
  return value >= 0 && value <= 9 ? value : Number.NaN;
}

function twoDigits(text: string, at: number): number {
  return digit(text, at) * 10 + digit(text, at + 1);
}

function fourDigits(text: string, at: number): number {
  return twoDigits(text, at) * 100 + twoDigits(text, at + 2);
}

/** `YYYY-MM` → month index (`year * 12 + month - 1`), or NaN. */
export function parseMonthIndex(text: string): number {
  if (text.length !== 7 || text.charCodeAt(4) !== 45) return Number.NaN;
  const year = fourDigits(text, 0);
  const month = twoDigits(text, 5);
  if (!(month >= 1 && month <= 12) || Number.isNaN(year)) return Number.NaN;
  return year * 12 + month - 1;
}

/** Years whose first day and month lengths are looked up rather than computed: 1900 to 2299. */
const TABLE_FROM = 1900;
const TABLE_YEARS = 400;
/** Per year in the table and month (12 × year + month − 1): days before the month, and days in it. */
const MONTH_STARTS = new Float64Array(TABLE_YEARS * 12);
const MONTH_LENGTHS = new Float64Array(TABLE_YEARS * 12);
for (let i = 0; i < TABLE_YEARS * 12; i++) {
  const year = TABLE_FROM + Math.floor(i / 12);
  MONTH_STARTS[i] = daysFromCivil(year, (i % 12) + 1, 1);
  MONTH_LENGTHS[i] = daysInMonth(year, (i % 12) + 1);
}

/** Day number of the date part `YYYY-MM-DD` at the start of `text`, or NaN. */
function datePart(text: string): number {
  if (text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return Number.NaN;
  const year = fourDigits(text, 0);
  const month = twoDigits(text, 5);
  const day = twoDigits(text, 8);
  if (!(month >= 1 && month <= 12 && day >= 1) || Number.isNaN(year)) return Number.NaN;
  const index = (year - TABLE_FROM) * 12 + month - 1;
  if (index >= 0 && index < MONTH_STARTS.length)
    return day <= (MONTH_LENGTHS[index] as number) ? (MONTH_STARTS[index] as number) + day - 1 : Number.NaN;
  return day <= daysInMonth(year, month) ? daysFromCivil(year, month, day) : Number.NaN;
}

/** `YYYY-MM-DD` → whole days since 1970-01-01, or NaN. */
export function parseDay(text: string): number {
  return text.length === 10 ? datePart(text) : Number.NaN;
}

/**
 * `YYYY-MM-DDTHH:MM` (UTC) → minutes since 1970-01-01T00:00, or NaN. Seconds are refused rather
 * than dropped: truncating them could move a time across a 60-minute boundary.
 */
export function parseMinute(text: string): number {
  if (text.length !== 16 || text.charCodeAt(10) !== 84 || text.charCodeAt(13) !== 58) return Number.NaN;
  const hours = twoDigits(text, 11);
  const minutes = twoDigits(text, 14);
  if (!(hours <= 23 && minutes <= 59)) return Number.NaN;
  return datePart(text) * MINUTES_PER_DAY + hours * 60 + minutes;
}
