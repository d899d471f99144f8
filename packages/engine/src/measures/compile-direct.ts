import type { TimeZone } from '../calendar/index.js';
import { compare } from '../core/rational.js';
import { type Compiled, type Condition, type Quantity, startOfDay } from './compiled-value.js';
import type { RowContext } from './row-context.js';

export type ComparisonOperator = '=' | '!=' | '<' | '<=' | '>' | '>=';

/** The operator that holds with the operands swapped: `a < b` is `b > a`. */
export const FLIPPED: Record<ComparisonOperator, ComparisonOperator> = {
  '=': '=',
  '!=': '!=',
  '<': '>',
  '<=': '>=',
  '>': '<',
  '>=': '<=',
};
const MAX = Number.MAX_SAFE_INTEGER;

/**
 * A field compared with a constant or with another field, compiled to one closure that reads the
 * slots itself: `setting = "ED"`, `smoker = true`, `age >= 18`, `seen_at > referred_at`. These are
 * most of the conditions in real populations, and a closure call per operand costs more than the
 * comparison. Undefined when the operands are not of such a shape; the general path then applies.
 */
export function directComparison(
  operator: ComparisonOperator,
  left: Compiled,
  right: Compiled,
  zone: TimeZone,
): Condition | undefined {
  if (fieldOf(right) !== undefined && fieldOf(left) === undefined)
    return directComparison(FLIPPED[operator], right, left, zone);
  const slot = fieldOf(left);
  if (slot === undefined) return undefined;
  if (left.kind === 'text' && right.kind === 'text' && right.fixed !== undefined)
    return textWithConstant(operator, slot, right.fixed);
  if (
    left.kind === 'boolean' &&
    right.kind === 'boolean' &&
    right.fixed !== undefined &&
    (operator === '=' || operator === '!=')
  ) {
    return slotWithConstant(operator, slot, right.fixed);
  }
  if (left.kind === 'instant' && right.kind === 'instant') {
    if (right.fixed !== undefined && left.unit === right.unit)
      return slotWithConstant(operator, slot, right.fixed);
    if (right.fixed !== undefined && left.unit === 'second')
      return slotWithConstant(operator, slot, startOfDay(right.fixed, zone));
    if (right.slot !== undefined && left.unit === right.unit) return slotWithSlot(operator, slot, right.slot);
  }
  if (left.kind === 'quantity' && right.kind === 'quantity')
    return quantityWithConstant(operator, left, right);
  return undefined;
}

function fieldOf(compiled: Compiled): number | undefined {
  return compiled.kind === 'month' || compiled.kind === 'condition' ? undefined : compiled.slot;
}

function textWithConstant(
  operator: ComparisonOperator,
  slot: number,
  constant: string,
): Condition | undefined {
  if (operator === '=') return (context) => context.texts[slot] === constant;
  if (operator !== '!=') return undefined;
  return (context) => {
    const text = context.texts[slot];
    return text !== undefined && text !== constant;
  };
}

/** A quantity field against a constant written with no more decimal places than the field holds. */
function quantityWithConstant(
  operator: ComparisonOperator,
  left: Quantity,
  right: Quantity,
): Condition | undefined {
  if (left.unit !== right.unit || right.fixed === undefined || right.places > left.places) return undefined;
  const constant = right.fixed * 10 ** (left.places - right.places);
  if (!(Math.abs(constant) <= MAX) || left.slot === undefined) return undefined;
  const slot = left.slot;
  const fast = slotWithConstant(operator, slot, constant);
  const exactRight = right.exact;
  const exactLeft = left.exact;
  const test = signTest(operator);
  const exact = (context: RowContext) => {
    const x = exactLeft(context);
    const y = exactRight(context);
    return x !== undefined && y !== undefined && test(compare(x, y));
  };
  return (context) => (context.exactOnly[slot] === 1 ? exact(context) : fast(context));
}

/** NaN (missing) already compares false with everything in JavaScript, except under `!==`. */
function slotWithConstant(operator: ComparisonOperator, slot: number, constant: number): Condition {
  switch (operator) {
    case '=':
      return (context) => context.numbers[slot] === constant;
    case '!=':
      return (context) => {
        const value = context.numbers[slot] as number;
        return !Number.isNaN(value) && value !== constant;
      };
    case '<':
      return (context) => (context.numbers[slot] as number) < constant;
    case '<=':
      return (context) => (context.numbers[slot] as number) <= constant;
    case '>':
      return (context) => (context.numbers[slot] as number) > constant;
    case '>=':
      return (context) => (context.numbers[slot] as number) >= constant;
  }
}

function slotWithSlot(operator: ComparisonOperator, left: number, right: number): Condition {
  switch (operator) {
    case '=':
      return (context) => context.numbers[left] === context.numbers[right];
    case '!=':
      return (context) => {
        const x = context.numbers[left] as number;
        const y = context.numbers[right] as number;
        return !Number.isNaN(x) && !Number.isNaN(y) && x !== y;
      };
    case '<':
      return (context) => (context.numbers[left] as number) < (context.numbers[right] as number);
    case '<=':
      return (context) => (context.numbers[left] as number) <= (context.numbers[right] as number);
    case '>':
      return (context) => (context.numbers[left] as number) > (context.numbers[right] as number);
    case '>=':
      return (context) => (context.numbers[left] as number) >= (context.numbers[right] as number);
  }
}

/** Whether a comparison holds, given the sign of left − right. */
export function signTest(operator: ComparisonOperator): (sign: number) => boolean {
  switch (operator) {
    case '=':
      return (sign) => sign === 0;
    case '!=':
      return (sign) => sign !== 0;
    case '<':
      return (sign) => sign < 0;
    case '<=':
      return (sign) => sign <= 0;
    case '>':
      return (sign) => sign > 0;
    case '>=':
      return (sign) => sign >= 0;
  }
}
