import type { Quarter } from '../model/common.js';

/**
 * NHS financial years run April to March: `2026/27` is April 2026 to March 2027, Q1 = Apr–Jun.
 * Months are `YYYY-MM`; dates are `YYYY-MM-DD`. Calendar arithmetic is on whole days since
 * 1970-01-01 (UTC), so no time zone or clock is involved.
 */

export const QUARTERS: Quarter[] = ['Q1', 'Q2', 'Q3', 'Q4'];

export function startYearOf(financialYear: string): number {
  return Number(financialYear.slice(0, 4));
}

export function financialYearOf(month: string): string {
  const [year, mm] = month.split('-').map(Number) as [number, number];
  const start = mm >= 4 ? year : year - 1;
  return `${start}/${String((start + 1) % 100).padStart(2, '0')}`;
}

export function monthsOfYear(financialYear: string): string[] {
  const start = startYearOf(financialYear);
  return Array.from({ length: 12 }, (_, i) => monthAt(start, 4 + i));
}

export function monthsOfQuarter(financialYear: string, quarter: Quarter): string[] {
  const index = QUARTERS.indexOf(quarter);
  return monthsOfYear(financialYear).slice(index * 3, index * 3 + 3);
}

export function quarterOf(month: string): Quarter {
  const mm = Number(month.slice(5));
  return QUARTERS[Math.floor(((mm + 8) % 12) / 3)] as Quarter;
}

/** The month `offset` months after `month` (negative for before). */
export function addMonths(month: string, offset: number): string {
  const [year, mm] = month.split('-').map(Number) as [number, number];
  return monthAt(year, mm + offset);
}

function monthAt(year: number, monthNumber: number): string {
  const zeroBased = monthNumber - 1;
  const y = year + Math.floor(zeroBased / 12);
  const m = ((zeroBased % 12) + 12) % 12;
  return `${y}-${String(m + 1).padStart(2, '0')}`;
}

/** Months from `first` to `last` inclusive. */
export function monthRange(first: string, last: string): string[] {
  const months: string[] = [];
  for (let month = first; month <= last; month = addMonths(month, 1)) months.push(month);
  return months;
}

/** Whole days since 1970-01-01 for a date `YYYY-MM-DD` (a date-time's date part is used). */
export function dayNumber(date: string): number {
  const [year, month, day] = date.slice(0, 10).split('-').map(Number) as [number, number, number];
  return Date.UTC(year, month - 1, day) / 86_400_000;
}

export function dateOfDayNumber(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

/** The first day after a month: the end of the month, exclusive. */
export function dayAfterMonth(month: string): number {
  return dayNumber(`${addMonths(month, 1)}-01`);
}

export function firstDayOf(month: string): number {
  return dayNumber(`${month}-01`);
}

export function daysInFinancialYear(financialYear: string): number {
  const [first] = monthsOfYear(financialYear) as [string];
  return dayNumber(`${addMonths(first, 12)}-01`) - dayNumber(`${first}-01`);
}

/** Minutes since 1970-01-01T00:00Z for a date or date-time (`YYYY-MM-DDTHH:MM`, UTC). */
export function minuteNumber(dateTime: string): number {
  const day = dayNumber(dateTime);
  const time = dateTime.length > 10 ? dateTime.slice(11, 16) : '00:00';
  const [hours, minutes] = time.split(':').map(Number) as [number, number];
  return day * 1440 + hours * 60 + minutes;
}

/** The calendar date `months` months after a date, clamped to the month's last day (31 Jan + 1 month = 28/29 Feb). */
export function addMonthsToDay(day: number, months: number): number {
  const date = dateOfDayNumber(day);
  const [year, month, dayOfMonth] = date.split('-').map(Number) as [number, number, number];
  const target = addMonths(`${year}-${String(month).padStart(2, '0')}`, months);
  const lastDay = dayAfterMonth(target) - firstDayOf(target);
  return firstDayOf(target) + Math.min(dayOfMonth, lastDay) - 1;
}
