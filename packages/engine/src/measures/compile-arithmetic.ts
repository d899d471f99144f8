import { addCalendarMonths, addCalendarMonthsToInstant, type TimeZone } from '../calendar/index.js';
import { add, div, isZero, mul, rational, sub } from '../core/rational.js';
import type {
  Compiled,
  CompileScope,
  Instant,
  NumberRead,
  Quantity,
  QuantityUnit,
} from './compiled-value.js';
import { describe, invalidModel, startOfDay, zoneOf } from './compiled-value.js';

type ArithmeticOperator = '+' | '-' | '*' | '/';

const MAX = Number.MAX_SAFE_INTEGER;
const VERB: Record<ArithmeticOperator, string> = {
  '+': 'add',
  '-': 'subtract',
  '*': 'multiply',
  '/': 'divide',
};

/**
 * `+ - * /` over quantities, and date arithmetic: date − date gives minutes (exact: a date-time is
 * held to the second, so 60:01 is 60 1/60 minutes), date ± duration a date.
 */
export function compileArithmetic(
  operator: ArithmeticOperator,
  left: Compiled,
  right: Compiled,
  scope: CompileScope,
): Compiled {
  if (left.kind === 'instant' && right.kind === 'instant' && operator === '-')
    return instantDifference(left, right, zoneOf(scope));
  if (left.kind === 'instant' && right.kind === 'quantity' && (operator === '+' || operator === '-')) {
    return shiftInstant(left, right, operator === '-' ? -1 : 1, scope);
  }
  if (left.kind === 'quantity' && right.kind === 'instant' && operator === '+')
    return shiftInstant(right, left, 1, scope);
  if (left.kind === 'quantity' && right.kind === 'quantity') {
    if (operator === '+' || operator === '-') return sumOf(operator, left, right, scope);
    return operator === '*' ? productOf(left, right, scope) : quotientOf(left, right, scope);
  }
  throw invalidModel(scope, `cannot ${VERB[operator]} ${describe(left)} and ${describe(right)}.`);
}

/** An instant in seconds since 1970 (UTC): a date is its midnight on the dataset's clock. */
export function inSeconds(instant: Instant, zone: TimeZone): NumberRead {
  const read = instant.read;
  return instant.unit === 'second' ? read : (context) => startOfDay(read(context), zone);
}

/** A difference of instants in minutes: whole for dates; for date-times exact to the second. */
function instantDifference(left: Instant, right: Instant, zone: TimeZone): Quantity {
  if (left.unit === 'day' && right.unit === 'day') {
    const [a, b] = [left.read, right.read];
    const read: NumberRead = (context) => (a(context) - b(context)) * 1_440;
    return { kind: 'quantity', unit: 'minutes', places: 0, read, exact: wholeExact(read) };
  }
  const [a, b] = [inSeconds(left, zone), inSeconds(right, zone)];
  const seconds: NumberRead = (context) => a(context) - b(context);
  return {
    kind: 'quantity',
    unit: 'minutes',
    places: 0,
    read: (context) => {
      const value = seconds(context);
      // Seconds that are not whole minutes take the exact path, as any value the places cannot hold.
      if (value % 60 !== 0) context.inexact = true;
      return value / 60;
    },
    exact: (context) => {
      const value = seconds(context);
      return !Number.isNaN(value) ? rational(BigInt(value), 60n) : undefined;
    },
  };
}

function wholeExact(read: NumberRead): Quantity['exact'] {
  return (context) => {
    const value = read(context);
    return !Number.isNaN(value) ? rational(BigInt(value)) : undefined;
  };
}

function shiftInstant(instant: Instant, duration: Quantity, sign: 1 | -1, scope: CompileScope): Instant {
  if (duration.unit === 'months') {
    const months = wholeConstant(duration, scope) * sign;
    const read = instant.read;
    const shift = instant.unit === 'day' ? addCalendarMonths : addCalendarMonthsToInstant;
    return {
      kind: 'instant',
      unit: instant.unit,
      read: (context) => {
        const value = read(context);
        return !Number.isNaN(value) ? shift(value, months) : Number.NaN;
      },
    };
  }
  if (duration.unit !== 'minutes')
    throw invalidModel(scope, `cannot add ${describe(duration)} to a date; add a duration.`);
  const base = inSeconds(instant, zoneOf(scope));
  if (duration.constant) {
    const seconds = wholeConstant(duration, scope) * sign * 60;
    return { kind: 'instant', unit: 'second', read: (context) => base(context) + seconds };
  }
  if (duration.places !== 0) throw invalidModel(scope, 'a duration added to a date must be whole minutes.');
  const read = duration.read;
  return { kind: 'instant', unit: 'second', read: (context) => base(context) + sign * 60 * read(context) };
}

function wholeConstant(duration: Quantity, scope: CompileScope): number {
  const value = duration.constant;
  if (value?.d !== 1n || value.n > BigInt(MAX) || value.n < -BigInt(MAX)) {
    throw invalidModel(
      scope,
      `a ${duration.unit} duration in date arithmetic must be a whole number written in the contract.`,
    );
  }
  return Number(value.n);
}

/** A quantity read rescaled to more places, flagging any value the rescaling makes inexact. */
export function rescaled(quantity: Quantity, places: number): NumberRead {
  const read = quantity.read;
  if (places === quantity.places) return read;
  const factor = 10 ** (places - quantity.places);
  return (context) => {
    const value = read(context) * factor;
    if (value > MAX || value < -MAX) context.inexact = true;
    return value;
  };
}

function sumOf(operator: '+' | '-', left: Quantity, right: Quantity, scope: CompileScope): Quantity {
  if (left.unit !== right.unit)
    throw invalidModel(scope, `cannot ${VERB[operator]} ${describe(left)} and ${describe(right)}.`);
  const places = Math.max(left.places, right.places);
  const a = rescaled(left, places);
  const b = rescaled(right, places);
  const sign = operator === '-' ? -1 : 1;
  const combine = operator === '-' ? sub : add;
  const [exactA, exactB] = [left.exact, right.exact];
  return {
    kind: 'quantity',
    unit: left.unit,
    places,
    read: (context) => checked(context, a(context) + sign * b(context)),
    exact: (context) => {
      const x = exactA(context);
      const y = x && exactB(context);
      return x && y ? combine(x, y) : undefined;
    },
  };
}

function productOf(left: Quantity, right: Quantity, scope: CompileScope): Quantity {
  const unit = productUnit(left.unit, right.unit);
  if (!unit) throw invalidModel(scope, `cannot multiply ${describe(left)} and ${describe(right)}.`);
  const [a, b, exactA, exactB] = [left.read, right.read, left.exact, right.exact];
  return {
    kind: 'quantity',
    unit,
    places: left.places + right.places,
    read: (context) => checked(context, a(context) * b(context)),
    exact: (context) => {
      const x = exactA(context);
      const y = x && exactB(context);
      return x && y ? mul(x, y) : undefined;
    },
  };
}

function productUnit(left: QuantityUnit, right: QuantityUnit): QuantityUnit | undefined {
  if (left === 'number') return right;
  if (right === 'number') return left;
  if ((left === 'percent' && right === 'money') || (left === 'money' && right === 'percent')) return 'money';
  return undefined;
}

/** Division is rarely exact in fixed places, so it always takes the exact path. */
function quotientOf(left: Quantity, right: Quantity, scope: CompileScope): Quantity {
  const unit = left.unit === right.unit ? 'number' : right.unit === 'number' ? left.unit : undefined;
  if (!unit) throw invalidModel(scope, `cannot divide ${describe(left)} by ${describe(right)}.`);
  const [a, b, exactA, exactB] = [left.read, right.read, left.exact, right.exact];
  return {
    kind: 'quantity',
    unit,
    places: 0,
    read: (context) => {
      const x = a(context);
      const y = b(context);
      if (Number.isNaN(x) || Number.isNaN(y)) return Number.NaN;
      context.inexact = true;
      return 0;
    },
    // Division by zero has no value: it counts as missing, so comparisons with it are false.
    exact: (context) => {
      const x = exactA(context);
      const y = x && exactB(context);
      return x && y && !isZero(y) ? div(x, y) : undefined;
    },
  };
}

function checked(context: { inexact: boolean }, value: number): number {
  if (value > MAX || value < -MAX) context.inexact = true;
  return value;
}
