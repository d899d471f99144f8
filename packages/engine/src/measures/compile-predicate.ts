import type { Expression } from '../model/expression.js';
import { compileArithmetic } from './compile-arithmetic.js';
import { type ComparisonOperator, compileComparison } from './compile-comparison.js';
import { compileField, compileLiteral } from './compile-leaves.js';
import { compileMembership, presenceOf } from './compile-membership.js';
import { compileWithin } from './compile-within.js';
import { asCondition, type Compiled, type CompileScope, type Condition } from './compiled-value.js';

/**
 * Compiles a population expression once into closures over a decoded row, so that evaluating a
 * million rows walks no syntax tree. Missing values make comparisons, `in` and `within` false;
 * `is recorded` tests presence; `not` simply negates.
 */
export function compileCondition(expression: Expression, scope: CompileScope): Condition {
  return asCondition(compileExpression(expression, scope), scope);
}

export function compileExpression(expression: Expression, scope: CompileScope): Compiled {
  switch (expression.kind) {
    case 'field':
      return compileField(expression.field, scope);
    case 'literal':
      return compileLiteral(expression.literal, scope);
    case 'binary':
      return compileBinary(expression, scope);
    case 'not': {
      const operand = compileCondition(expression.operand, scope);
      return condition((context) => !operand(context));
    }
    case 'in':
      return condition(
        compileMembership(
          compileExpression(expression.value, scope),
          expression.items,
          expression.negated,
          scope,
        ),
      );
    case 'recorded': {
      const present = presenceOf(compileExpression(expression.value, scope));
      return condition(expression.negated ? (context) => !present(context) : present);
    }
    case 'within': {
      const anchor = expression.anchor && compileExpression(expression.anchor, scope);
      return condition(
        compileWithin(compileExpression(expression.value, scope), expression.window, anchor, scope),
      );
    }
    case 'all-of':
    case 'any-of':
      return condition(
        combine(
          expression.kind,
          expression.conditions.map((item) => compileCondition(item, scope)),
        ),
      );
    case 'population':
      return condition(scope.population(expression.part, expression.measure));
  }
}

function condition(test: Condition): Compiled {
  return { kind: 'condition', test };
}

function compileBinary(expression: Extract<Expression, { kind: 'binary' }>, scope: CompileScope): Compiled {
  const { operator } = expression;
  if (operator === 'and' || operator === 'or') {
    const left = compileCondition(expression.left, scope);
    const right = compileCondition(expression.right, scope);
    return condition(
      operator === 'and'
        ? (context) => left(context) && right(context)
        : (context) => left(context) || right(context),
    );
  }
  const left = compileExpression(expression.left, scope);
  const right = compileExpression(expression.right, scope);
  if (operator === '+' || operator === '-' || operator === '*' || operator === '/')
    return compileArithmetic(operator, left, right, scope);
  return condition(compileComparison(operator as ComparisonOperator, left, right, scope));
}

/** `all of (…)` holds when every condition does (an empty list holds); `any of (…)` when one does. */
function combine(kind: 'all-of' | 'any-of', conditions: Condition[]): Condition {
  const wanted = kind === 'any-of';
  const count = conditions.length;
  return (context) => {
    for (let i = 0; i < count; i++) if ((conditions[i] as Condition)(context) === wanted) return wanted;
    return !wanted;
  };
}
