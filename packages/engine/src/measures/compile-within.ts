import {
  addCalendarMonths,
  addCalendarMonthsToMinute,
  firstDayOfMonthIndex,
  MINUTES_PER_DAY,
} from '../calendar/index.js';
import { fromDecimal } from '../core/rational.js';
import type { Duration } from '../model/common.js';
import type { Compiled, CompileScope, Condition, Instant, NumberRead } from './compiled-value.js';
import { describe, invalidModel } from './compiled-value.js';
import type { RowContext } from './row-context.js';

/**
 * `x within D`: x falls in the D before the end of the row's month (x ≥ end − D and x < end).
 * `x within D of a`: x is at or after a and no more than D after it (0 ≤ x − a ≤ D).
 */
export function compileWithin(
  value: Compiled,
  window: Duration,
  anchor: Compiled | undefined,
  scope: CompileScope,
): Condition {
  const x = instantOf(value, scope);
  const amount = windowAmount(window, scope);
  if (anchor === undefined)
    return window.unit === 'months'
      ? withinMonthsOfPeriodEnd(x, amount)
      : withinMinutesOfPeriodEnd(x, amount);
  const a = instantOf(anchor, scope);
  return window.unit === 'months' ? withinMonthsOf(x, a, amount) : withinMinutesOf(x, a, amount);
}

function instantOf(compiled: Compiled, scope: CompileScope): Instant {
  if (compiled.kind === 'instant') return compiled;
  throw invalidModel(scope, `'within' needs a date or date-time, not ${describe(compiled)}.`);
}

/** Whole months, or whole minutes: an instant is a whole minute, so a fraction of one never changes the answer. */
function windowAmount(window: Duration, scope: CompileScope): number {
  const amount = fromDecimal(window.amount);
  if (amount.n < 0n)
    throw invalidModel(scope, `a 'within' window cannot be negative (${window.amount} ${window.unit}).`);
  if (window.unit === 'months' && amount.d !== 1n)
    throw invalidModel(scope, `a 'within' window of months must be whole, not ${window.amount}.`);
  return Number(amount.n / amount.d);
}

/**
 * An instant operand in a chosen unit: read straight from its field's slot when it is a field
 * (`slot` ≥ 0), through its closure otherwise, then multiplied by `scale` (days to minutes).
 */
interface Operand {
  slot: number;
  scale: number;
  read: NumberRead;
}

function operand(instant: Instant, unit: 'day' | 'minute'): Operand {
  return {
    slot: instant.slot ?? -1,
    scale: instant.unit === 'day' && unit === 'minute' ? MINUTES_PER_DAY : 1,
    read: instant.read,
  };
}

function instantValue(operand: Operand, context: RowContext): number {
  return (
    (operand.slot >= 0 ? (context.numbers[operand.slot] as number) : operand.read(context)) * operand.scale
  );
}

function withinMonthsOfPeriodEnd(x: Instant, months: number): Condition {
  const value = operand(x, x.unit);
  const scale = x.unit === 'minute' ? MINUTES_PER_DAY : 1;
  let month = Number.NaN;
  let start = 0;
  let end = 0;
  return (context) => {
    if (context.monthIndex !== month) {
      month = context.monthIndex;
      end = firstDayOfMonthIndex(month + 1) * scale;
      start = firstDayOfMonthIndex(month + 1 - months) * scale;
    }
    const at = instantValue(value, context);
    return at >= start && at < end;
  };
}

function withinMinutesOfPeriodEnd(x: Instant, minutes: number): Condition {
  const value = operand(x, 'minute');
  let month = Number.NaN;
  let end = 0;
  return (context) => {
    if (context.monthIndex !== month) {
      month = context.monthIndex;
      end = firstDayOfMonthIndex(month + 1) * MINUTES_PER_DAY;
    }
    const at = instantValue(value, context);
    return at >= end - minutes && at < end;
  };
}

function withinMinutesOf(x: Instant, anchor: Instant, minutes: number): Condition {
  const value = operand(x, 'minute');
  const from = operand(anchor, 'minute');
  return (context) => {
    const difference = instantValue(value, context) - instantValue(from, context);
    return difference >= 0 && difference <= minutes;
  };
}

function withinMonthsOf(x: Instant, anchor: Instant, months: number): Condition {
  const unit = x.unit === anchor.unit ? x.unit : 'minute';
  const value = operand(x, unit);
  const from = operand(anchor, unit);
  const shift = unit === 'day' ? addCalendarMonths : addCalendarMonthsToMinute;
  return (context) => {
    const at = instantValue(value, context);
    const start = instantValue(from, context);
    return at >= start && at <= shift(start, months);
  };
}
