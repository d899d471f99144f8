import { describe, expect, test } from 'vitest';
import {
  dateProblem,
  isDateAt,
  monthProblem,
  parseDateTime,
  parseDay,
  parseMonthIndex,
  readDate,
  readMonth,
} from '../src/calendar/index.js';

describe('dates, date-times and months as written', () => {
  test('a date that is not in the calendar is refused', () => {
    for (const text of ['2026-02-29', '2026-13-01', '2026-00-10', '2026-04-31', '2300-02-29'])
      expect(parseDay(text)).toBeNaN();
  });

  test('a date not written YYYY-MM-DD is refused', () => {
    for (const text of ['2026-1-01', '26-01-01x', '05/05/2026', '2026-05-01T10:00', '2026-05-0a'])
      expect(readDate(text)).toBeUndefined();
  });

  test('a leap day is a date in leap years', () => {
    expect(readDate('2028-02-29')).toBe('2028-02-29');
    expect(readDate('2400-02-29')).toBe('2400-02-29');
  });

  test('a stored date-time is a real time of day written YYYY-MM-DDTHH:MM, or with seconds', () => {
    for (const text of ['2026-05-01T24:00', '2026-05-01T10:60', '2026-05-01 10:00', '2026-05-01T10:00Z'])
      expect(parseDateTime(text)).toBeNaN();
    for (const text of ['2026-05-01T10:00:60', '2026-05-01T10:00:5', '2026-05-01T10:00.30'])
      expect(parseDateTime(text)).toBeNaN();
  });

  test('a date is checked in place within a longer text', () => {
    expect(isDateAt('x,2026-05-01,y', 2, 12, false)).toBe(true);
    expect(isDateAt('x,2026-02-30,y', 2, 12, false)).toBe(false);
    expect(isDateAt('x,2026-05-01T09:30,y', 2, 18, true)).toBe(true);
    expect(isDateAt('x,2026-05-01 09:30,y', 2, 18, true)).toBe(false);
  });

  test('a month must be YYYY-MM with a month from 01 to 12', () => {
    for (const text of ['2026-13', '2026-00', '2026-5', '202605']) expect(readMonth(text)).toBeUndefined();
    expect(parseMonthIndex('2026-04')).toBe(2026 * 12 + 3);
  });

  test('a date that is not in the calendar is named as such', () => {
    expect(dateProblem('2026-02-30')).toBe(
      "'2026-02-30' is not a calendar date: write a real date as YYYY-MM-DD.",
    );
  });

  test('a date-time with no such time of day is named as such', () => {
    expect(dateProblem('2026-05-01T25:00')).toBe(
      "'2026-05-01T25:00' has no such time of day: use 00:00 to 23:59.",
    );
  });

  test('a real date or date-time has no problem', () => {
    expect(dateProblem('2026-05-01')).toBeUndefined();
    expect(dateProblem('2026-05-01T23:59')).toBeUndefined();
  });

  test('a month out of range is named with the form to write', () => {
    expect(monthProblem('2026-13')).toBe(
      "'2026-13' is not a month: write YYYY-MM with a month from 01 to 12.",
    );
    expect(monthProblem('2026-12')).toBeUndefined();
  });
});
