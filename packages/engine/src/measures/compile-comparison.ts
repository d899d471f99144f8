import { firstDayOfMonthIndex, type TimeZone } from '../calendar/index.js';
import { compare } from '../core/rational.js';
import { inSeconds, rescaled } from './compile-arithmetic.js';
import { type ComparisonOperator, directComparison, FLIPPED, signTest } from './compile-direct.js';
import type {
  Compiled,
  CompileScope,
  Condition,
  Instant,
  NumberRead,
  Quantity,
  TextRead,
} from './compiled-value.js';
import { asBoolean, describe, invalidModel, startOfDay, zoneOf } from './compiled-value.js';

export type { ComparisonOperator } from './compile-direct.js';

/** A comparison of two values of the same kind. A missing value on either side makes it false, `!=` included. */
export function compileComparison(
  operator: ComparisonOperator,
  leftValue: Compiled,
  rightValue: Compiled,
  scope: CompileScope,
): Condition {
  const left = asBoolean(leftValue);
  const right = asBoolean(rightValue);
  const direct = directComparison(operator, left, right, zoneOf(scope));
  if (direct) return direct;
  if (right.kind === 'month' && left.kind === 'instant')
    return instantInMonth(operator, left, right.monthIndex, zoneOf(scope));
  if (left.kind === 'month' && right.kind === 'instant')
    return instantInMonth(FLIPPED[operator], right, left.monthIndex, zoneOf(scope));
  if (left.kind === 'instant' && right.kind === 'instant') {
    if (left.unit === right.unit) return numericComparison(operator, left.read, right.read);
    return numericComparison(operator, inSeconds(left, zoneOf(scope)), inSeconds(right, zoneOf(scope)));
  }
  if (left.kind === 'quantity' && right.kind === 'quantity' && left.unit === right.unit)
    return quantityComparison(operator, left, right);
  if (left.kind === 'text' && right.kind === 'text') return textComparison(operator, left.read, right.read);
  if (left.kind === 'boolean' && right.kind === 'boolean' && (operator === '=' || operator === '!=')) {
    return numericComparison(operator, left.read, right.read);
  }
  if (left.kind === 'month' && right.kind === 'month') {
    const result = signTest(operator)(left.monthIndex - right.monthIndex);
    return () => result;
  }
  throw invalidModel(scope, `cannot compare ${describe(left)} with ${describe(right)} using '${operator}'.`);
}

/** Comparison of numbers where NaN stands for missing: JavaScript already makes NaN compare false, except `!==`. */
export function numericComparison(operator: ComparisonOperator, a: NumberRead, b: NumberRead): Condition {
  switch (operator) {
    case '=':
      return (context) => a(context) === b(context);
    case '!=':
      return (context) => {
        const x = a(context);
        const y = b(context);
        return !Number.isNaN(x) && !Number.isNaN(y) && x !== y;
      };
    case '<':
      return (context) => a(context) < b(context);
    case '<=':
      return (context) => a(context) <= b(context);
    case '>':
      return (context) => a(context) > b(context);
    case '>=':
      return (context) => a(context) >= b(context);
  }
}

function quantityComparison(operator: ComparisonOperator, left: Quantity, right: Quantity): Condition {
  const places = Math.max(left.places, right.places);
  const fast = numericComparison(operator, rescaled(left, places), rescaled(right, places));
  const test = signTest(operator);
  const [exactLeft, exactRight] = [left.exact, right.exact];
  return (context) => {
    context.inexact = false;
    const result = fast(context);
    if (!context.inexact) return result;
    context.inexact = false;
    const x = exactLeft(context);
    const y = x && exactRight(context);
    return x !== undefined && y !== undefined && test(compare(x, y));
  };
}

function textComparison(operator: ComparisonOperator, a: TextRead, b: TextRead): Condition {
  const test = signTest(operator);
  if (operator === '=') {
    return (context) => {
      const x = a(context);
      return x !== undefined && x === b(context);
    };
  }
  return (context) => {
    const x = a(context);
    const y = b(context);
    return x !== undefined && y !== undefined && test(x < y ? -1 : x > y ? 1 : 0);
  };
}

/** A date against a month means against the month's days: `= 2026-05` is any time in May 2026. */
function instantInMonth(
  operator: ComparisonOperator,
  instant: Instant,
  monthIndex: number,
  zone: TimeZone,
): Condition {
  const bound = (day: number) => (instant.unit === 'second' ? startOfDay(day, zone) : day);
  const start = bound(firstDayOfMonthIndex(monthIndex));
  const end = bound(firstDayOfMonthIndex(monthIndex + 1));
  const read = instant.read;
  switch (operator) {
    case '=':
      return (context) => {
        const x = read(context);
        return x >= start && x < end;
      };
    case '!=':
      return (context) => {
        const x = read(context);
        return x < start || x >= end;
      };
    case '<':
      return (context) => read(context) < start;
    case '<=':
      return (context) => read(context) < end;
    case '>':
      return (context) => read(context) >= end;
    case '>=':
      return (context) => read(context) >= start;
  }
}
