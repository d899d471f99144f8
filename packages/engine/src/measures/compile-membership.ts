import type { Literal } from '../model/expression.js';
import { compileComparison } from './compile-comparison.js';
import { compileLiteral } from './compile-leaves.js';
import type { Compiled, CompileScope, Condition } from './compiled-value.js';

/** True when a value is present: not missing, and (for a quantity) not a division by zero. */
export function presenceOf(compiled: Compiled): Condition {
  switch (compiled.kind) {
    case 'condition':
    case 'month':
      return () => true;
    case 'text': {
      const { read, slot } = compiled;
      if (slot !== undefined) return (context) => context.texts[slot] !== undefined;
      return (context) => read(context) !== undefined;
    }
    case 'quantity': {
      const { read, exact, slot } = compiled;
      // A field too precise for the fast path holds a non-NaN marker, so it reads as present.
      if (slot !== undefined) return (context) => !Number.isNaN(context.numbers[slot] as number);
      return (context) => {
        context.inexact = false;
        const value = read(context);
        if (!context.inexact) return !Number.isNaN(value);
        context.inexact = false;
        return exact(context) !== undefined;
      };
    }
    default: {
      const { read, slot } = compiled;
      if (slot !== undefined) return (context) => !Number.isNaN(context.numbers[slot] as number);
      return (context) => {
        const value = read(context);
        return !Number.isNaN(value);
      };
    }
  }
}

/**
 * `x in (…)` and `x not in (…)`. A missing value is in no list, and is not counted as outside one
 * either: both forms are false for it, as comparisons are.
 */
export function compileMembership(
  value: Compiled,
  items: Literal[],
  negated: boolean,
  scope: CompileScope,
): Condition {
  const member =
    value.kind === 'text' && items.every((item) => item.type === 'text')
      ? textMember(value, items)
      : anyEqual(value, items, scope);
  if (!negated) return member;
  const present = presenceOf(value);
  return (context) => present(context) && !member(context);
}

function textMember(value: Extract<Compiled, { kind: 'text' }>, items: Literal[]): Condition {
  const values = new Set(items.map((item) => (item.type === 'text' ? item.value : '')));
  const { read, slot } = value;
  if (slot !== undefined) {
    return (context) => {
      const text = context.texts[slot];
      return text !== undefined && values.has(text);
    };
  }
  return (context) => {
    const text = read(context);
    return text !== undefined && values.has(text);
  };
}

function anyEqual(value: Compiled, items: Literal[], scope: CompileScope): Condition {
  const tests = items.map((item) => compileComparison('=', value, compileLiteral(item, scope), scope));
  return (context) => {
    for (let i = 0; i < tests.length; i++) if ((tests[i] as Condition)(context)) return true;
    return false;
  };
}
