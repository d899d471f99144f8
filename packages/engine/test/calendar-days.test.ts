import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  addCalendarMonths,
  addCalendarMonthsToInstant,
  dateOfDayNumber,
  dateTimeText,
  dayNumber,
  daysInMonth,
  monthIndexOfDay,
  monthText,
  parseDateTime,
  parseDay,
  SECONDS_PER_DAY,
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

  test('reading a stored date-time gives seconds since 1970 at UTC, and writing it back gives the text', () => {
    fc.assert(
      fc.property(days, fc.integer({ min: 0, max: SECONDS_PER_DAY - 1 }), (day, second) => {
        const iso = new Date((day * SECONDS_PER_DAY + second) * 1000).toISOString();
        const text = second % 60 === 0 ? iso.slice(0, 16) : iso.slice(0, 19);
        expect(parseDateTime(text)).toBe(day * SECONDS_PER_DAY + second);
        expect(dateTimeText(day * SECONDS_PER_DAY + second)).toBe(text);
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
    const instant = parseDateTime('2026-05-31T23:59:30');
    expect(addCalendarMonthsToInstant(instant, 1)).toBe(parseDateTime('2026-06-30T23:59:30'));
  });

  test('February has 29 days in leap years only, with the century rules', () => {
    expect([2026, 2028, 2100, 2400].map((year) => daysInMonth(year, 2))).toEqual([28, 29, 28, 29]);
  });
});
