import {
  type BinaryOperator,
  type Duration,
  type Expression as ModelExpression,
  type Literal as ModelLiteral,
  normaliseNumber,
  parseMoney,
  parsePercent,
} from '@parity/engine';
import {
  type DurationLiteral,
  type Expression,
  isAllOf,
  isAnyOf,
  isBinaryExpression,
  isBooleanLiteral,
  isDateLiteral,
  isDurationLiteral,
  isFieldReference,
  isMembershipExpression,
  isMoneyLiteral,
  isMonthLiteral,
  isNotExpression,
  isNumberLiteral,
  isPercentLiteral,
  isPopulationReference,
  isRecordedExpression,
  isStringLiteral,
  isWithinExpression,
  type Literal,
} from '../language/generated/ast.js';
import type { NameOf } from './names.js';

const MINUTES_PER: Record<string, bigint> = { minute: 1n, hour: 60n, day: 1440n, week: 10080n };
const MONTHS_PER: Record<string, bigint> = { month: 1n, year: 12n };

/** `12 months` → `{ unit: 'months', amount: '12' }`; `1 hour` → `{ unit: 'minutes', amount: '60' }`. */
export function compileDuration(literal: DurationLiteral): Duration {
  const singular = literal.unit.replace(/s$/, '');
  const amount = normaliseNumber(literal.value);
  const months = MONTHS_PER[singular];
  if (months !== undefined) return { unit: 'months', amount: scale(amount, months) };
  return { unit: 'minutes', amount: scale(amount, MINUTES_PER[singular] ?? 1n) };
}

/** Multiplies exact decimal text by an integer factor. */
function scale(amount: string, factor: bigint): string {
  const [whole = '0', fraction = ''] = amount.split('.');
  const product = (BigInt(whole + fraction) * factor).toString().padStart(fraction.length + 1, '0');
  if (!fraction) return product;
  const integer = product.slice(0, -fraction.length);
  const decimals = product.slice(-fraction.length).replace(/0+$/, '');
  return decimals ? `${integer}.${decimals}` : integer;
}

export function compileLiteral(literal: Literal): ModelLiteral {
  if (isMoneyLiteral(literal)) return { type: 'money', pence: parseMoney(literal.value).toString() };
  if (isPercentLiteral(literal)) return { type: 'percent', value: parsePercent(literal.value) };
  if (isDurationLiteral(literal)) return { type: 'duration', duration: compileDuration(literal) };
  if (isNumberLiteral(literal)) return { type: 'number', value: normaliseNumber(literal.value) };
  if (isDateLiteral(literal)) return { type: 'date', value: literal.value };
  if (isMonthLiteral(literal)) return { type: 'month', value: literal.value };
  if (isStringLiteral(literal)) return { type: 'text', value: literal.value };
  if (isBooleanLiteral(literal)) return { type: 'boolean', value: literal.value === 'true' };
  throw new Error(`unknown literal ${(literal as Literal).$type}`);
}

/** Compiles a population expression to the model's plain JSON form. */
export function compileExpression(expression: Expression, nameOf: NameOf): ModelExpression {
  if (isFieldReference(expression))
    return { kind: 'field', field: expression.field.ref?.name ?? expression.field.$refText };
  if (isBinaryExpression(expression)) {
    return {
      kind: 'binary',
      operator: expression.operator as BinaryOperator,
      left: compileExpression(expression.left, nameOf),
      right: compileExpression(expression.right, nameOf),
    };
  }
  if (isNotExpression(expression))
    return { kind: 'not', operand: compileExpression(expression.operand, nameOf) };
  if (isMembershipExpression(expression)) {
    return {
      kind: 'in',
      value: compileExpression(expression.value, nameOf),
      items: expression.items.map(compileLiteral),
      negated: expression.negated,
    };
  }
  if (isRecordedExpression(expression)) {
    return {
      kind: 'recorded',
      value: compileExpression(expression.value, nameOf),
      negated: expression.negated,
    };
  }
  if (isWithinExpression(expression)) {
    return {
      kind: 'within',
      value: compileExpression(expression.value, nameOf),
      window: compileDuration(expression.window),
      anchor: expression.anchor && compileExpression(expression.anchor, nameOf),
    };
  }
  if (isAllOf(expression) || isAnyOf(expression)) {
    return {
      kind: isAllOf(expression) ? 'all-of' : 'any-of',
      conditions: expression.conditions.map((condition) => compileExpression(condition, nameOf)),
    };
  }
  if (isPopulationReference(expression)) {
    const measure = expression.measure.ref;
    return {
      kind: 'population',
      part: expression.part as 'numerator' | 'denominator',
      measure: measure ? nameOf(measure) : expression.measure.$refText,
    };
  }
  return { kind: 'literal', literal: compileLiteral(expression as Literal) };
}
