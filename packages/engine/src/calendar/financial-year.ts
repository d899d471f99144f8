import type { Quarter } from '../model/common.js';
import { daysFromCivil } from './days.js';
import { readDigits } from './digits.js';
import { monthsOfTerm, monthText } from './months.js';

/**
 * NHS financial years run April to March: `2026/27` is April 2026 to March 2027, and its quarters
 * `2026/27 Q1` (April to June) to `2026/27 Q4` (January to March).
 */

/** The quarters of a financial year, in order. */
export const QUARTERS: readonly Quarter[] = ['Q1', 'Q2', 'Q3', 'Q4'];

/** The calendar year a financial year starts in (`2026/27` → 2026). */
export function startYearOf(financialYear: string): number {
  return readDigits(financialYear, 0, 4);
}

/** The financial year starting in April of a calendar year (2026 → `2026/27`). */
export function financialYearStarting(year: number): string {
  const end = (year + 1) % 100;
  return `${year}/${end < 10 ? '0' : ''}${end}`;
}

/** The financial year a month `YYYY-MM` (or a date) falls in. */
export function financialYearOf(month: string): string {
  const year = readDigits(month, 0, 4);
  return financialYearStarting(readDigits(month, 5, 2) >= 4 ? year : year - 1);
}

/** The quarter of its financial year that a month `YYYY-MM` falls in (April → Q1). */
export function quarterOf(month: string): Quarter {
  return QUARTERS[Math.floor(((readDigits(month, 5, 2) + 8) % 12) / 3)] as Quarter;
}

/** The twelve months of a financial year, April first. */
export function monthsOfYear(financialYear: string): string[] {
  const april = startYearOf(financialYear) * 12 + 3;
  return Array.from({ length: 12 }, (_, i) => monthText(april + i));
}

/** The three months of a quarter of a financial year. */
export function monthsOfQuarter(financialYear: string, quarter: Quarter): string[] {
  const index = QUARTERS.indexOf(quarter);
  return monthsOfYear(financialYear).slice(index * 3, index * 3 + 3);
}

/** Days in a financial year: 366 when its February has a 29th. */
export function daysInFinancialYear(financialYear: string): number {
  const start = startYearOf(financialYear);
  return daysFromCivil(start + 1, 4, 1) - daysFromCivil(start, 4, 1);
}

/** Labels of every month, quarter (`2026/27 Q1`) and year (`2026/27`) that overlaps a term. */
/** The financial years a term runs through, in order. */
export function yearsOfTerm(term: { start: string; end: string }): string[] {
  const years: string[] = [];
  for (const month of monthsOfTerm(term)) {
    const year = financialYearOf(month);
    if (years.at(-1) !== year) years.push(year);
  }
  return years;
}

export function periodsOfTerm(term: { start: string; end: string }): Set<string> {
  const labels = new Set<string>();
  for (const month of monthsOfTerm(term)) {
    labels.add(month);
    labels.add(`${financialYearOf(month)} ${quarterOf(month)}`);
    labels.add(financialYearOf(month));
  }
  return labels;
}

/**
 * What is wrong with text given as a financial year `YYYY/YY`, or undefined when it is one: the
 * second year must follow the first (`2026/27`, not `2026/28`).
 */
export function financialYearProblem(text: string): string | undefined {
  const start = readDigits(text, 0, 4);
  const shape = text.length === 7 && text.charCodeAt(4) === 47 && !Number.isNaN(start);
  if (!shape) return `'${text}' is not a financial year: write it as YYYY/YY, e.g. 2026/27.`;
  if (readDigits(text, 5, 2) === (start + 1) % 100) return undefined;
  return `'${text}' is not a financial year: an NHS year runs April to March, so write ${financialYearStarting(start)}.`;
}
