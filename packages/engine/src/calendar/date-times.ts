import { dayNumberAt } from './date-text.js';
import { dateOfDayNumber, SECONDS_PER_DAY } from './days.js';
import { readDigits } from './digits.js';
import { instantOfLocal, localSeconds, type TimeZone } from './time-zone.js';

/**
 * Date-times as real extracts write them (ISO 8601): `YYYY-MM-DDTHH:MM`, with seconds
 * (`…T22:40:49`, whole, or with a fraction of zeros), a space for the T, and an offset (`Z`,
 * `+01:00`, `+0100`, `-05`). A time without an offset is read in the dataset's declared zone.
 *
 * Held and stored exactly, as the UTC instant: `YYYY-MM-DDTHH:MM`, or `YYYY-MM-DDTHH:MM:SS` when
 * the seconds are not zero. Evaluation reads a stored date-time as seconds since 1970 (UTC).
 */

/** What a cell holding a date-time was, when it is not one. */
export type DateTimeReading = { ok: true; text: string; seconds: number } | { ok: false; problem: string };

const SHAPE =
  /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(Z|z|[+-]\d{2}(?::?\d{2})?)?$/;

/** Reads a date-time written in ISO 8601; a time without an offset is read in `zone`. */
export function readDateTimeText(text: string, zone: TimeZone = 'UTC'): DateTimeReading {
  const parts = SHAPE.exec(text);
  if (parts === null)
    return problem(
      'must be a date and time written YYYY-MM-DDTHH:MM (with :SS seconds and a UTC offset if any)',
    );
  const [, date, hh, mm, ss, fraction, offset] = parts as unknown as string[];
  const day = dayNumberAt(date as string, 0);
  if (Number.isNaN(day)) return problem('is not a calendar date: write a real date as YYYY-MM-DD');
  const hours = Number(hh);
  const minutes = Number(mm);
  const seconds = ss === undefined ? 0 : Number(ss);
  if (hours > 23 || minutes > 59 || seconds > 59)
    return problem('has no such time of day: use 00:00 to 23:59:59');
  if (fraction !== undefined && /[^0]/.test(fraction))
    return problem('gives a fraction of a second: give whole seconds, which are kept exactly');
  const clock = day * SECONDS_PER_DAY + hours * 3_600 + minutes * 60 + seconds;
  if (offset !== undefined) {
    const shift = offsetSeconds(offset);
    if (shift === undefined) return problem('has an offset that is not one: write Z or ±HH:MM up to ±14:00');
    return reading(clock - shift);
  }
  const instant = instantOfLocal(clock, zone);
  if (instant === undefined)
    return problem(`is a time the clocks skip in ${zone} (they go forward an hour): it never happened there`);
  return reading(instant);
}

function problem(text: string): DateTimeReading {
  return { ok: false, problem: text };
}

function reading(seconds: number): DateTimeReading {
  return { ok: true, text: dateTimeText(seconds), seconds };
}

/** Seconds east of UTC of `Z`, `±HH`, `±HHMM` or `±HH:MM`; undefined beyond ±14:00. */
function offsetSeconds(offset: string): number | undefined {
  if (offset === 'Z' || offset === 'z') return 0;
  const digits = offset.replace(':', '');
  const hours = Number(digits.slice(1, 3));
  const minutes = digits.length > 3 ? Number(digits.slice(3, 5)) : 0;
  if (minutes > 59 || hours * 60 + minutes > 14 * 60) return undefined;
  return (offset.startsWith('-') ? -1 : 1) * (hours * 3_600 + minutes * 60);
}

/** The stored text of an instant: `YYYY-MM-DDTHH:MM`, with `:SS` when the seconds are not zero. */
export function dateTimeText(seconds: number): string {
  const day = Math.floor(seconds / SECONDS_PER_DAY);
  const inDay = seconds - day * SECONDS_PER_DAY;
  const hh = Math.floor(inDay / 3_600);
  const mm = Math.floor((inDay % 3_600) / 60);
  const ss = inDay % 60;
  const time = `${two(hh)}:${two(mm)}`;
  return `${dateOfDayNumber(day)}T${ss === 0 ? time : `${time}:${two(ss)}`}`;
}

function two(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/**
 * Seconds since 1970-01-01T00:00 UTC of a stored date-time (`YYYY-MM-DDTHH:MM` or
 * `YYYY-MM-DDTHH:MM:SS`), or NaN. Read by character code: evaluation does this for every row.
 */
export function parseDateTime(text: string): number {
  const length = text.length;
  if ((length !== 16 && length !== 19) || text.charCodeAt(10) !== 84 || text.charCodeAt(13) !== 58)
    return Number.NaN;
  const hours = readDigits(text, 11, 2);
  const minutes = readDigits(text, 14, 2);
  let seconds = 0;
  if (length === 19) {
    if (text.charCodeAt(16) !== 58) return Number.NaN;
    seconds = readDigits(text, 17, 2);
  }
  if (!(hours <= 23 && minutes <= 59 && seconds <= 59)) return Number.NaN;
  return dayNumberAt(text, 0) * SECONDS_PER_DAY + hours * 3_600 + minutes * 60 + seconds;
}

/**
 * The month (`YYYY-MM`) a stored date or date-time falls in on a clock: a date's own month; a
 * date-time's on the dataset's clock (00:30 BST on 1 May, stored as 23:30 UTC on 30 April, is May's).
 */
export function monthOfStored(text: string, zone: TimeZone): string {
  if (text.length === 10 || zone === 'UTC') return text.slice(0, 7);
  const seconds = parseDateTime(text);
  return Number.isNaN(seconds) ? text.slice(0, 7) : dateTimeText(localSeconds(seconds, zone)).slice(0, 7);
}
