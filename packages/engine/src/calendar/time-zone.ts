import { daysFromCivil, SECONDS_PER_DAY } from './days.js';

/**
 * How a clock time written without an offset is read: as UTC, or as the time on a clock in England
 * (Europe/London: GMT in winter, BST, one hour ahead, from 01:00 UTC on the last Sunday of March to
 * 01:00 UTC on the last Sunday of October, the rule in force since 1996). A date-time is held as
 * seconds since 1970-01-01T00:00 UTC, so elapsed time is real time across the change of the clocks.
 */
export type TimeZone = 'UTC' | 'Europe/London';

const HOUR = 3_600;

/** Day number of the last Sunday of a month (1970-01-01 was a Thursday). */
function lastSunday(year: number, month: number): number {
  const last = daysFromCivil(year, month + 1, 1) - 1;
  const weekday = (((last + 4) % 7) + 7) % 7; // 0 = Sunday
  return last - weekday;
}

/** [start, end) of British summer time in a year, in UTC seconds. */
const summers = new Map<number, readonly [number, number]>();
function summerOf(year: number): readonly [number, number] {
  let summer = summers.get(year);
  if (summer === undefined) {
    summer = [lastSunday(year, 3) * SECONDS_PER_DAY + HOUR, lastSunday(year, 10) * SECONDS_PER_DAY + HOUR];
    summers.set(year, summer);
  }
  return summer;
}

function yearOfSeconds(seconds: number): number {
  // Close enough to find the year's summer: the changes are far from New Year.
  return 1970 + Math.floor(seconds / (365.2425 * SECONDS_PER_DAY));
}

/** The clock time in a zone (as seconds, as if UTC) of an instant. */
export function localSeconds(utc: number, zone: TimeZone): number {
  if (zone === 'UTC') return utc;
  const [start, end] = summerOf(yearOfSeconds(utc));
  return utc >= start && utc < end ? utc + HOUR : utc;
}

/**
 * The instant of a clock time in a zone (given as seconds, as if UTC), or undefined for a time the
 * clocks skip (01:00 to 01:59:59 on the last Sunday of March in London). A time in the hour that
 * comes twice in October is read as its first, summer-time, occurrence.
 */
export function instantOfLocal(local: number, zone: TimeZone): number | undefined {
  if (zone === 'UTC') return local;
  const [start, end] = summerOf(yearOfSeconds(local));
  if (local >= start && local < start + HOUR) return undefined;
  const summer = local - HOUR;
  return summer >= start && summer < end ? summer : local;
}
