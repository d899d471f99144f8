import { describe, expect, test } from 'vitest';
import { instantOfLocal, localSeconds, monthOfStored, readDateTimeText } from '../src/calendar/index.js';

/** The stored text a cell is read as, or its problem. */
const read = (text: string, zone: 'UTC' | 'Europe/London' = 'UTC') => {
  const reading = readDateTimeText(text, zone);
  return reading.ok ? reading.text : reading.problem;
};

describe('date-times as real extracts write them', () => {
  test('a space for the T, and seconds, are read; seconds are kept exactly', () => {
    expect(read('2026-05-01 10:00')).toBe('2026-05-01T10:00');
    expect(read('2026-05-01T10:00:00')).toBe('2026-05-01T10:00');
    expect(read('2026-04-05T22:40:49')).toBe('2026-04-05T22:40:49');
    expect(read('2026-04-05T22:40:49.000')).toBe('2026-04-05T22:40:49');
  });

  test('an offset gives the instant, stored as UTC', () => {
    expect(read('2026-04-05T22:40:49Z')).toBe('2026-04-05T22:40:49');
    expect(read('2026-04-05T23:40:49+01:00')).toBe('2026-04-05T22:40:49');
    expect(read('2026-04-05T23:40:49+0100')).toBe('2026-04-05T22:40:49');
    expect(read('2026-04-05T17:40-05')).toBe('2026-04-05T22:40');
    expect(read('2026-05-01T00:30+01:00')).toBe('2026-04-30T23:30');
  });

  test('an offset wins over the declared zone', () => {
    expect(read('2026-07-01T12:00Z', 'Europe/London')).toBe('2026-07-01T12:00');
  });

  test('a clock time without an offset is read on the declared clock', () => {
    expect(read('2026-07-01T12:00', 'Europe/London')).toBe('2026-07-01T11:00');
    expect(read('2026-12-01T12:00', 'Europe/London')).toBe('2026-12-01T12:00');
    expect(read('2026-07-01T12:00', 'UTC')).toBe('2026-07-01T12:00');
  });

  test('British summer time starts and ends at 01:00 UTC on the last Sundays of March and October', () => {
    // 2026: summer time from 29 March to 25 October.
    expect(read('2026-03-29T00:59:59', 'Europe/London')).toBe('2026-03-29T00:59:59');
    expect(read('2026-03-29T02:00', 'Europe/London')).toBe('2026-03-29T01:00');
    expect(read('2026-10-25T00:30', 'Europe/London')).toBe('2026-10-24T23:30');
    expect(read('2026-10-25T02:00', 'Europe/London')).toBe('2026-10-25T02:00');
  });

  test('a clock time the clocks skip is refused; the hour that comes twice is read as its first', () => {
    expect(read('2026-03-29T01:30', 'Europe/London')).toContain('the clocks skip in Europe/London');
    expect(read('2026-10-25T01:30', 'Europe/London')).toBe('2026-10-25T00:30');
  });

  test('elapsed time across the change of the clocks is real time', () => {
    const at = (text: string) => {
      const reading = readDateTimeText(text, 'Europe/London');
      if (!reading.ok) throw new Error(reading.problem);
      return reading.seconds;
    };
    // 00:30 to 03:00 on the night the clocks go back is three and a half hours.
    expect(at('2026-10-25T03:00') - at('2026-10-25T00:30')).toBe(3.5 * 3600);
    // 00:30 to 03:00 on the night they go forward is an hour and a half.
    expect(at('2026-03-29T03:00') - at('2026-03-29T00:30')).toBe(1.5 * 3600);
  });

  test('what is not a date-time is refused, saying what is wrong', () => {
    expect(read('2026-05-01T24:00')).toContain('no such time of day');
    expect(read('2026-02-30T10:00')).toContain('not a calendar date');
    expect(read('2026-05-01T10:00:00.5')).toContain('whole seconds');
    expect(read('2026-05-01T10:00+15:00')).toContain('offset');
    expect(read('05/01/2026 10:00')).toContain('YYYY-MM-DDTHH:MM');
    expect(read('2026-05-01')).toContain('YYYY-MM-DDTHH:MM');
  });

  test('the month of a stored date-time is its month on the declared clock', () => {
    expect(monthOfStored('2026-04-30T23:30', 'Europe/London')).toBe('2026-05');
    expect(monthOfStored('2026-04-30T23:30', 'UTC')).toBe('2026-04');
    expect(monthOfStored('2026-11-30T23:30', 'Europe/London')).toBe('2026-11');
    expect(monthOfStored('2026-04-30', 'Europe/London')).toBe('2026-04');
  });

  test('local and instant clock readings are inverse away from the changes', () => {
    for (const utc of [0, 1_780_000_000, 1_790_000_000, 1_800_000_000]) {
      expect(instantOfLocal(localSeconds(utc, 'Europe/London'), 'Europe/London')).toBe(utc);
    }
  });
});
