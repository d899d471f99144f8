import { describe, expect, test } from 'vitest';
import {
  addMonths,
  dayAfterMonth,
  dayNumber,
  daysInFinancialYear,
  financialYearOf,
  financialYearProblem,
  firstDayOf,
  monthRange,
  monthsOfQuarter,
  monthsOfTerm,
  monthsOfYear,
  periods,
  periodsOfTerm,
  quarterOf,
} from '../src/index.js';

describe('financial years and quarters', () => {
  test('a financial year runs from April to March', () => {
    expect(monthsOfYear('2026/27')).toEqual([
      '2026-04',
      '2026-05',
      '2026-06',
      '2026-07',
      '2026-08',
      '2026-09',
      '2026-10',
      '2026-11',
      '2026-12',
      '2027-01',
      '2027-02',
      '2027-03',
    ]);
  });

  test('January to March belong to the year that started the April before', () => {
    expect(financialYearOf('2027-03')).toBe('2026/27');
    expect(financialYearOf('2027-04')).toBe('2027/28');
    expect(financialYearOf('1999-04')).toBe('1999/00');
  });

  test('Q1 is April to June and Q4 is January to March', () => {
    expect(monthsOfQuarter('2026/27', 'Q1')).toEqual(['2026-04', '2026-05', '2026-06']);
    expect(monthsOfQuarter('2026/27', 'Q4')).toEqual(['2027-01', '2027-02', '2027-03']);
    expect(['2026-04', '2026-07', '2026-12', '2027-01'].map(quarterOf)).toEqual(['Q1', 'Q2', 'Q3', 'Q4']);
  });

  test('a financial year has 366 days when its February has a 29th', () => {
    expect(daysInFinancialYear('2026/27')).toBe(365);
    expect(daysInFinancialYear('2027/28')).toBe(366);
  });

  test('a term covers its months, the quarters and the years they fall in', () => {
    const labels = periodsOfTerm({ start: '2027-03', end: '2027-04' });
    expect([...labels].sort()).toEqual([
      '2026/27',
      '2026/27 Q4',
      '2027-03',
      '2027-04',
      '2027/28',
      '2027/28 Q1',
    ]);
  });

  test('a financial year whose second year does not follow the first is named with the fix', () => {
    expect(financialYearProblem('2026/28')).toBe(
      "'2026/28' is not a financial year: an NHS year runs April to March, so write 2026/27.",
    );
    expect(financialYearProblem('2099/00')).toBeUndefined();
  });

  test('the periods namespace still offers the calendar to earlier callers', () => {
    expect(periods.monthsOfYear('2026/27')[0]).toBe('2026-04');
    expect(periods.QUARTERS).toEqual(['Q1', 'Q2', 'Q3', 'Q4']);
  });
});

describe('months', () => {
  test('adding months crosses year ends both ways', () => {
    expect(addMonths('2026-12', 1)).toBe('2027-01');
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(addMonths('2026-05', -17)).toBe('2024-12');
  });

  test('a range of months includes both ends and is empty when they are reversed', () => {
    expect(monthRange('2026-11', '2027-02')).toEqual(['2026-11', '2026-12', '2027-01', '2027-02']);
    expect(monthRange('2026-05', '2026-04')).toEqual([]);
    expect(monthsOfTerm({ start: '2026-04', end: '2026-04' })).toEqual(['2026-04']);
  });

  test('a month runs from its first day to the first day of the next', () => {
    expect(dayAfterMonth('2027-02') - firstDayOf('2027-02')).toBe(28);
    expect(firstDayOf('2026-05')).toBe(dayNumber('2026-05-01'));
    expect(dayAfterMonth('2026-12')).toBe(dayNumber('2027-01-01'));
  });
});
