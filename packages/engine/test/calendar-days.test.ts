import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  addCalendarMonths,
  addCalendarMonthsToMinute,
  dateOfDayNumber,
  dayNumber,
  daysInMonth,
  MINUTES_PER_DAY,
  minuteNumber,
  monthIndexOfDay,
  monthText,
  parseDay,
  parseMinute,
} from '../src/calendar/index.js';

/** Days from 1900 to 2199: wide enough for any record, and crossing the century leap rules. */
const days = fc.integer({ min: -25567, max: 83603 });
const MS_PER_DAY = 86_400_000;
/** The JavaScript Date's reading of a day, the oracle these tests compare with. */
const isoOf = (day: number) => new Date(day * MS_PER_DAY).toISOString().slice(0, 10);

describe('day numbers', () => {
  test('a day number is written as the same date the Date object gives', () => {
    fc.assert(
      fc.property(days, (day) => {
        expect(dateOfDayNumber(day)).toBe(isoOf(day));
      }),
    );
  });

  test('reading a written date gives back its day number', () => {
    fc.assert(
      fc.property(days, (day) => {
        expect(parseDay(isoOf(day))).toBe(day);
        expect(dayNumber(isoOf(day))).toBe(day);
      }),
    );
  });

  test('reading a date-time gives minutes since 1970 at UTC', () => {
    fc.assert(
      fc.property(days, fc.integer({ min: 0, max: 1439 }), (day, minute) => {
        const text = new Date((day * MINUTES_PER_DAY + minute) * 60_000).toISOString().slice(0, 16);
        expect(parseMinute(text)).toBe(day * MINUTES_PER_DAY + minute);
        expect(minuteNumber(text)).toBe(day * MINUTES_PER_DAY + minute);
      }),
    );
  });

  test('the month of a day is the month its date names', () => {
    fc.assert(
      fc.property(days, (day) => {
        expect(monthText(monthIndexOfDay(day))).toBe(isoOf(day).slice(0, 7));
      }),
    );
  });

  test('adding months keeps the day of the month, clamped to a shorter month', () => {
    fc.assert(
      fc.property(days, fc.integer({ min: -36, max: 36 }), (day, months) => {
        const [year, month, dayOfMonth] = isoOf(day).split('-').map(Number) as [number, number, number];
        const target = new Date(Date.UTC(year, month - 1 + months, 1));
        const last = daysInMonth(target.getUTCFullYear(), target.getUTCMonth() + 1);
        target.setUTCDate(Math.min(dayOfMonth, last));
        expect(addCalendarMonths(day, months)).toBe(target.getTime() / MS_PER_DAY);
      }),
    );
  });

  test('31 January and one month is the last day of February', () => {
    expect(dateOfDayNumber(addCalendarMonths(dayNumber('2027-01-31'), 1))).toBe('2027-02-28');
    expect(dateOfDayNumber(addCalendarMonths(dayNumber('2028-01-31'), 1))).toBe('2028-02-29');
  });

  test('adding months to a date-time keeps its time of day', () => {
    const minute = minuteNumber('2026-05-31T23:59');
    expect(addCalendarMonthsToMinute(minute, 1)).toBe(minuteNumber('2026-06-30T23:59'));
  });

  test('February has 29 days in leap years only, with the century rules', () => {
    expect([2026, 2028, 2100, 2400].map((year) => daysInMonth(year, 2))).toEqual([28, 29, 28, 29]);
  });
});
