import type { AstNode, ValidationAcceptor } from 'langium';
import {
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
} from '../language/generated/ast.js';
import { IssueCodes } from './issue-codes.js';
import { report } from './report.js';

/** The type of a value in a population expression. Durations keep their family: clock or calendar. */
export type ValueType =
  | 'boolean'
  | 'number'
  | 'percent'
  | 'money'
  | 'clock duration'
  | 'calendar duration'
  | 'date'
  | 'datetime'
  | 'month'
  | 'text'
  | 'pseudonym'
  | 'unknown';

const FIELD_TYPES: Record<string, ValueType> = {
  pseudonym: 'pseudonym',
  text: 'text',
  code: 'text',
  integer: 'number',
  decimal: 'number',
  boolean: 'boolean',
  date: 'date',
  datetime: 'datetime',
  money: 'money',
};

const CALENDAR_UNITS = new Set(['month', 'months', 'year', 'years']);
const QUANTITIES = new Set<ValueType>(['number', 'percent', 'money', 'clock duration', 'calendar duration']);
const TEMPORAL = new Set<ValueType>(['date', 'datetime', 'month']);

export function durationType(unit: string): ValueType {
  return CALENDAR_UNITS.has(unit) ? 'calendar duration' : 'clock duration';
}

const DESCRIBE: Record<ValueType, string> = {
  boolean: 'a yes/no condition',
  number: 'a number',
  percent: 'a percentage',
  money: 'money (£)',
  'clock duration': 'a duration in minutes, hours, days or weeks',
  'calendar duration': 'a duration in months or years',
  date: 'a date',
  datetime: 'a date and time',
  month: 'a month',
  text: 'text',
  pseudonym: 'a pseudonymous key',
  unknown: 'an unknown value',
};

/**
 * Works out the type of an expression, reporting each operator that combines values it cannot
 * combine. Returns 'unknown' below a reported problem so one mistake is reported once.
 */
export function typeOf(expression: Expression, accept: ValidationAcceptor): ValueType {
  if (isFieldReference(expression)) {
    const field = expression.field.ref;
    return field ? (FIELD_TYPES[field.type] ?? 'unknown') : 'unknown';
  }
  if (isMoneyLiteral(expression)) return 'money';
  if (isPercentLiteral(expression)) return 'percent';
  if (isDurationLiteral(expression)) return durationType(expression.unit);
  if (isNumberLiteral(expression)) return 'number';
  if (isDateLiteral(expression)) return expression.value.includes('T') ? 'datetime' : 'date';
  if (isMonthLiteral(expression)) return 'month';
  if (isStringLiteral(expression)) return 'text';
  if (isBooleanLiteral(expression)) return 'boolean';
  if (isPopulationReference(expression)) return 'boolean';
  if (isNotExpression(expression)) {
    expectCondition(expression.operand, accept);
    return 'boolean';
  }
  if (isAllOf(expression) || isAnyOf(expression)) {
    for (const condition of expression.conditions) expectCondition(condition, accept);
    return 'boolean';
  }
  if (isRecordedExpression(expression)) {
    typeOf(expression.value, accept);
    return 'boolean';
  }
  if (isMembershipExpression(expression)) return typeOfMembership(expression, accept);
  if (isWithinExpression(expression)) return typeOfWithin(expression, accept);
  if (isBinaryExpression(expression)) return typeOfBinary(expression, accept);
  return 'unknown';
}

/** Checks that an expression is a yes/no condition, as numerators, denominators and exclusions must be. */
export function expectCondition(expression: Expression, accept: ValidationAcceptor): void {
  const type = typeOf(expression, accept);
  if (type === 'boolean' || type === 'unknown') return;
  report(
    accept,
    'error',
    IssueCodes.ConditionNotBoolean,
    `This is ${DESCRIBE[type]}, not a condition: compare it with something, e.g. '… >= 25' or '… is recorded'.`,
    {
      node: expression,
    },
  );
}

function typeOfMembership(
  expression: Expression & { value: Expression; items: Expression[] },
  accept: ValidationAcceptor,
): ValueType {
  const valueType = typeOf(expression.value, accept);
  for (const item of expression.items) {
    const itemType = typeOf(item, accept);
    if (valueType !== 'unknown' && itemType !== valueType) {
      mismatch(
        accept,
        item,
        `A list item is ${DESCRIBE[itemType]} but the value tested is ${DESCRIBE[valueType]}: use items of the same kind.`,
        valueType,
        itemType,
      );
    }
  }
  return 'boolean';
}

function typeOfWithin(
  expression: Expression & { value: Expression; anchor?: Expression },
  accept: ValidationAcceptor,
): ValueType {
  const valueType = typeOf(expression.value, accept);
  if (valueType !== 'unknown' && !TEMPORAL.has(valueType)) {
    report(
      accept,
      'error',
      IssueCodes.TypeMismatch,
      `'within' needs a date or date-time, but this is ${DESCRIBE[valueType]}.`,
      { node: expression.value },
    );
  }
  if (expression.anchor) {
    const anchorType = typeOf(expression.anchor, accept);
    if (anchorType !== 'unknown' && !TEMPORAL.has(anchorType)) {
      report(
        accept,
        'error',
        IssueCodes.TypeMismatch,
        `'within … of' needs a date or date-time to measure from, but this is ${DESCRIBE[anchorType]}.`,
        { node: expression.anchor },
      );
    }
  }
  return 'boolean';
}

function typeOfBinary(
  expression: Expression & { operator: string; left: Expression; right: Expression },
  accept: ValidationAcceptor,
): ValueType {
  const { operator } = expression;
  if (operator === 'and' || operator === 'or') {
    expectCondition(expression.left, accept);
    expectCondition(expression.right, accept);
    return 'boolean';
  }
  const left = typeOf(expression.left, accept);
  const right = typeOf(expression.right, accept);
  if (left === 'unknown' || right === 'unknown')
    return operator.length <= 2 && '=!<>'.includes(operator[0] ?? '') ? 'boolean' : 'unknown';
  const result = combine(operator, left, right);
  if (result) return result;
  const unitProblem = QUANTITIES.has(left) && QUANTITIES.has(right);
  const verb =
    operator === '+'
      ? 'add'
      : operator === '-'
        ? 'subtract'
        : operator === '*'
          ? 'multiply'
          : operator === '/'
            ? 'divide'
            : 'compare';
  mismatch(
    accept,
    expression,
    `Cannot ${verb} ${DESCRIBE[left]} and ${DESCRIBE[right]}: ${unitProblem ? 'convert one side so both have the same unit' : 'use values of compatible kinds'}.`,
    left,
    right,
    unitProblem,
  );
  return 'unknown';
}

function combine(operator: string, left: ValueType, right: ValueType): ValueType | undefined {
  const sameTemporal = TEMPORAL.has(left) && TEMPORAL.has(right);
  switch (operator) {
    case '=':
    case '!=':
      return left === right || sameTemporal ? 'boolean' : undefined;
    case '<':
    case '<=':
    case '>':
    case '>=':
      return (left === right && left !== 'boolean') || sameTemporal ? 'boolean' : undefined;
    case '+':
      if (left === right && QUANTITIES.has(left)) return left;
      if (TEMPORAL.has(left) && right.endsWith('duration')) return left;
      return undefined;
    case '-':
      if (left === right && QUANTITIES.has(left)) return left;
      if (TEMPORAL.has(left) && right.endsWith('duration')) return left;
      if (sameTemporal) return 'clock duration';
      return undefined;
    case '*':
      if (left === 'number' && QUANTITIES.has(right)) return right;
      if (right === 'number' && QUANTITIES.has(left)) return left;
      if (left === 'percent' && right === 'money') return 'money';
      if (left === 'money' && right === 'percent') return 'money';
      return undefined;
    case '/':
      if (left === right && QUANTITIES.has(left)) return 'number';
      if (right === 'number' && QUANTITIES.has(left)) return left;
      return undefined;
    default:
      return undefined;
  }
}

function mismatch(
  accept: ValidationAcceptor,
  node: AstNode,
  message: string,
  left: ValueType,
  right: ValueType,
  unitProblem = QUANTITIES.has(left) && QUANTITIES.has(right),
): void {
  report(accept, 'error', unitProblem ? IssueCodes.UnitMismatch : IssueCodes.TypeMismatch, message, { node });
}
