import {
  addCalendarMonths,
  addCalendarMonthsToInstant,
  firstDayOfMonthIndex,
  type TimeZone,
} from '../calendar/index.js';
import { fromDecimal } from '../core/rational.js';
import type { Duration } from '../model/common.js';
import type { Compiled, CompileScope, Condition, Instant, NumberRead } from './compiled-value.js';
import { describe, invalidModel, startOfDay, zoneOf } from './compiled-value.js';
import type { RowContext } from './row-context.js';

/**
 * `x within D`: x falls in the D before the end of the row's month (x ≥ end − D and x < end).
 * `x within D of a`: x is at or after a and no more than D after it (0 ≤ x − a ≤ D).
 * Date-times are held to the second, so `within 1 hour of` takes 60:00 and refuses 60:01; a month's
 * end and a date's midnight are on the dataset's clock.
 */
export function compileWithin(
  value: Compiled,
  window: Duration,
  anchor: Compiled | undefined,
  scope: CompileScope,
): Condition {
  const x = instantOf(value, scope);
  const amount = windowAmount(window, scope);
  const zone = zoneOf(scope);
  if (anchor === undefined)
    return window.unit === 'months'
      ? withinMonthsOfPeriodEnd(x, amount, zone)
      : withinSecondsOfPeriodEnd(x, amount, zone);
  const a = instantOf(anchor, scope);
  return window.unit === 'months' ? withinMonthsOf(x, a, amount, zone) : withinSecondsOf(x, a, amount, zone);
}

function instantOf(compiled: Compiled, scope: CompileScope): Instant {
  if (compiled.kind === 'instant') return compiled;
  throw invalidModel(scope, `'within' needs a date or date-time, not ${describe(compiled)}.`);
}

/**
 * Whole months, or whole seconds of a window in minutes: an instant is a whole second, so a
 * fraction of one never changes the answer.
 */
function windowAmount(window: Duration, scope: CompileScope): number {
  const amount = fromDecimal(window.amount);
  if (amount.n < 0n)
    throw invalidModel(scope, `a 'within' window cannot be negative (${window.amount} ${window.unit}).`);
  if (window.unit === 'months' && amount.d !== 1n)
    throw invalidModel(scope, `a 'within' window of months must be whole, not ${window.amount}.`);
  return window.unit === 'months' ? Number(amount.n) : Number((amount.n * 60n) / amount.d);
}

/**
 * An instant operand in a chosen unit: read straight from its field's slot when it is a field
 * (`slot` ≥ 0), through its closure otherwise; a date read as seconds is its midnight on the clock.
 */
interface Operand {
  slot: number;
  dayToSecond: boolean;
  zone: TimeZone;
  read: NumberRead;
}

function operand(instant: Instant, unit: 'day' | 'second', zone: TimeZone): Operand {
  return {
    slot: instant.slot ?? -1,
    dayToSecond: instant.unit === 'day' && unit === 'second',
    zone,
    read: instant.read,
  };
}

function instantValue(operand: Operand, context: RowContext): number {
  const value = operand.slot >= 0 ? (context.numbers[operand.slot] as number) : operand.read(context);
  return operand.dayToSecond ? startOfDay(value, operand.zone) : value;
}

/** The first instant of a month index, in the unit of `x`. */
function monthStart(monthIndex: number, unit: 'day' | 'second', zone: TimeZone): number {
  const day = firstDayOfMonthIndex(monthIndex);
  return unit === 'second' ? startOfDay(day, zone) : day;
}

function withinMonthsOfPeriodEnd(x: Instant, months: number, zone: TimeZone): Condition {
  const value = operand(x, x.unit, zone);
  let month = Number.NaN;
  let start = 0;
  let end = 0;
  return (context) => {
    if (context.monthIndex !== month) {
      month = context.monthIndex;
      end = monthStart(month + 1, x.unit, zone);
      start = monthStart(month + 1 - months, x.unit, zone);
    }
    const at = instantValue(value, context);
    return at >= start && at < end;
  };
}

function withinSecondsOfPeriodEnd(x: Instant, seconds: number, zone: TimeZone): Condition {
  const value = operand(x, 'second', zone);
  let month = Number.NaN;
  let end = 0;
  return (context) => {
    if (context.monthIndex !== month) {
      month = context.monthIndex;
      end = monthStart(month + 1, 'second', zone);
    }
    const at = instantValue(value, context);
    return at >= end - seconds && at < end;
  };
}

function withinSecondsOf(x: Instant, anchor: Instant, seconds: number, zone: TimeZone): Condition {
  const value = operand(x, 'second', zone);
  const from = operand(anchor, 'second', zone);
  return (context) => {
    const difference = instantValue(value, context) - instantValue(from, context);
    return difference >= 0 && difference <= seconds;
  };
}

function withinMonthsOf(x: Instant, anchor: Instant, months: number, zone: TimeZone): Condition {
  const unit = x.unit === anchor.unit ? x.unit : 'second';
  const value = operand(x, unit, zone);
  const from = operand(anchor, unit, zone);
  const shift = unit === 'day' ? addCalendarMonths : addCalendarMonthsToInstant;
  return (context) => {
    const at = instantValue(value, context);
    const start = instantValue(from, context);
    return at >= start && at <= shift(start, months);
  };
}
