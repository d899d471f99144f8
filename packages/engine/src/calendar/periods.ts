import type { Quarter } from '../model/common.js';
import type { PeriodBasis } from '../model/measure.js';
import { addMonths, financialYearOf, monthRange, monthsOfQuarter, monthsOfYear, quarterOf } from './index.js';

/** A period a figure is reported for: a month, a quarter of a financial year, or the whole year. */
export type Period =
  | { kind: 'month'; month: string }
  | { kind: 'quarter'; year: string; quarter: Quarter }
  | { kind: 'year'; year: string };

export function periodLabel(period: Period): string {
  if (period.kind === 'month') return period.month;
  if (period.kind === 'quarter') return `${period.year} ${period.quarter}`;
  return period.year;
}

/** Reads `2026-05`, `2026/27 Q2` or `2026/27`. */
export function parsePeriod(label: string): Period {
  if (/^[0-9]{4}-[0-9]{2}$/.test(label)) return { kind: 'month', month: label };
  const [year = '', quarter] = label.split(' ');
  return quarter ? { kind: 'quarter', year, quarter: quarter as Quarter } : { kind: 'year', year };
}

export function monthsOf(period: Period): string[] {
  if (period.kind === 'month') return [period.month];
  if (period.kind === 'quarter') return monthsOfQuarter(period.year, period.quarter);
  return monthsOfYear(period.year);
}

export function lastMonthOf(period: Period): string {
  const months = monthsOf(period);
  return months[months.length - 1] as string;
}

export function firstMonthOf(period: Period): string {
  return monthsOf(period)[0] as string;
}

/** The quarter a month falls in, as a period. */
export function quarterPeriodOf(month: string): Period {
  return { kind: 'quarter', year: financialYearOf(month), quarter: quarterOf(month) };
}

/**
 * The months whose data make up a measure's value for a period, by the measure's period basis:
 * the period's own months; from April to the period's end (year to date); or the N months ending
 * with the period (rolling).
 */
export function basisMonths(period: Period, basis: PeriodBasis | undefined): string[] {
  const last = lastMonthOf(period);
  if (basis?.kind === 'year-to-date')
    return monthRange(monthsOfYear(financialYearOf(last))[0] as string, last);
  if (basis?.kind === 'rolling') return monthRange(addMonths(last, 1 - basis.months), last);
  return monthsOf(period);
}
