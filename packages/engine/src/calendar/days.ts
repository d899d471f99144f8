/**
 * Day arithmetic on whole days since 1970-01-01 (UTC), proleptic Gregorian, with no Date objects
 * and no string splitting: record evaluation does this for every row, so it must not allocate.
 * Months are held as a month index, `year * 12 + month - 1`.
 */

/** Seconds in a day: date-times are held as seconds since 1970-01-01T00:00 (UTC). */
export const SECONDS_PER_DAY = 86_400;

/** Days since 1970-01-01 of a date (H. Hinnant's days_from_civil). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const shiftedMonth = (month + 9) % 12;
  const dayOfYear = Math.floor((153 * shiftedMonth + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

/** Whether a year has a 29 February. */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Days in a month (1 to 12) of a year. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** The month index (`year * 12 + month - 1`) that a day number falls in (civil_from_days). */
export function monthIndexOfDay(day: number): number {
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) /
      365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shiftedMonth = Math.floor((5 * dayOfYear + 2) / 153);
  const month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return year * 12 + month - 1;
}

/** The first day of a month index. */
export function firstDayOfMonthIndex(monthIndex: number): number {
  return daysFromCivil(Math.floor(monthIndex / 12), (monthIndex % 12) + 1, 1);
}

/**
 * The calendar date `months` months after a day, clamped to the last day of the target month
 * (31 January + 1 month = 28 or 29 February).
 */
export function addCalendarMonths(day: number, months: number): number {
  const monthIndex = monthIndexOfDay(day);
  const dayOfMonth = day - firstDayOfMonthIndex(monthIndex) + 1;
  const target = monthIndex + months;
  const year = Math.floor(target / 12);
  const month = (target % 12) + 1;
  return daysFromCivil(year, month, Math.min(dayOfMonth, daysInMonth(year, month)));
}

/** Adds calendar months to an instant (seconds since 1970, UTC), keeping the time of day. */
export function addCalendarMonthsToInstant(seconds: number, months: number): number {
  const day = Math.floor(seconds / SECONDS_PER_DAY);
  return addCalendarMonths(day, months) * SECONDS_PER_DAY + (seconds - day * SECONDS_PER_DAY);
}

/** `YYYY-MM-DD` of a day number. */
export function dateOfDayNumber(day: number): string {
  const monthIndex = monthIndexOfDay(day);
  const year = Math.floor(monthIndex / 12);
  const month = (monthIndex % 12) + 1;
  const dayOfMonth = day - firstDayOfMonthIndex(monthIndex) + 1;
  return `${String(year).padStart(4, '0')}-${month < 10 ? '0' : ''}${month}-${dayOfMonth < 10 ? '0' : ''}${dayOfMonth}`;
}
