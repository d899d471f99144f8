import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { addMonthsToDay, dateOfDayNumber, dayNumber, minuteNumber } from '../src/core/periods.js';
import { addCalendarMonths, monthIndexOfDay, monthText } from '../src/measures/calendar.js';
import { parseDay, parseMinute, parseMonthIndex } from '../src/measures/temporal-text.js';

/** Days from 1900 to 2199: wide enough for any record, and crossing the century leap rules. */
const days = fc.integer({ min: -25567, max: 83603 });

describe('record calendar arithmetic agrees with the NHS period arithmetic', () => {
  test('reading a date', () => {
    fc.assert(
      fc.property(days, (day) => {
        expect(parseDay(dateOfDayNumber(day))).toBe(dayNumber(dateOfDayNumber(day)));
      }),
    );
  });

  test('reading a date-time', () => {
    fc.assert(
      fc.property(days, fc.integer({ min: 0, max: 1439 }), (day, minute) => {
        const text = `${dateOfDayNumber(day)}T${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
        expect(parseMinute(text)).toBe(minuteNumber(text));
      }),
    );
  });

  test('adding calendar months, clamped to the end of a shorter month', () => {
    fc.assert(
      fc.property(days, fc.integer({ min: -36, max: 36 }), (day, months) => {
        expect(addCalendarMonths(day, months)).toBe(addMonthsToDay(day, months));
      }),
    );
  });

  test('finding the month of a day', () => {
    fc.assert(
      fc.property(days, (day) => {
        expect(monthText(monthIndexOfDay(day))).toBe(dateOfDayNumber(day).slice(0, 7));
      }),
    );
  });

  test('refusing text that is not a real date, time or month', () => {
    for (const text of ['2026-02-29', '2026-13-01', '2026-00-10', '2026-1-01', '26-01-01x'])
      expect(parseDay(text)).toBeNaN();
    for (const text of ['2026-05-01T24:00', '2026-05-01T10:60', '2026-05-01 10:00', '2026-05-01T10:00Z'])
      expect(parseMinute(text)).toBeNaN();
    for (const text of ['2026-13', '2026-5', '202605']) expect(parseMonthIndex(text)).toBeNaN();
    expect(parseDay('2028-02-29')).toBe(dayNumber('2028-02-29'));
    expect(parseDay('2400-02-29')).toBe(dayNumber('2400-02-29'));
    expect(parseDay('2300-02-29')).toBeNaN();
    expect(parseDay('1899-12-31')).toBe(dayNumber('1899-12-31'));
  });
});
