import { parseDateTime, parseDay, parseMonthIndex } from '../calendar/index.js';
import { fromDecimal, rational } from '../core/rational.js';
import type { Literal } from '../model/expression.js';
import type { Compiled, CompileScope, QuantityUnit } from './compiled-value.js';
import { invalidModel } from './compiled-value.js';
import { exactFieldValue } from './quantity-values.js';

/** A dataset field, read from the slot its row was decoded into. */
export function compileField(name: string, scope: CompileScope): Compiled {
  const slot = scope.reader.slots.get(name);
  if (!slot) throw invalidModel(scope, `'${name}' is not a field of dataset ${scope.reader.dataset.name}.`);
  const i = slot.index;
  switch (slot.kind) {
    case 'text':
      return { kind: 'text', slot: i, read: (context) => context.texts[i] };
    case 'boolean':
      return { kind: 'boolean', slot: i, read: (context) => context.numbers[i] as number };
    case 'day':
    case 'second':
      return { kind: 'instant', unit: slot.kind, slot: i, read: (context) => context.numbers[i] as number };
    default: {
      const type = slot.field.type as 'integer' | 'decimal' | 'money';
      return {
        kind: 'quantity',
        unit: type === 'money' ? 'money' : 'number',
        places: slot.places,
        slot: i,
        read: (context) => {
          if (context.exactOnly[i] === 1) context.inexact = true;
          return context.numbers[i] as number;
        },
        exact: (context) => {
          const value = context.raw[i];
          return value === undefined || value === null || value === ''
            ? undefined
            : exactFieldValue(value, type);
        },
      };
    }
  }
}

export function compileLiteral(literal: Literal, scope: CompileScope): Compiled {
  switch (literal.type) {
    case 'number':
      return quantityConstant('number', literal.value, 0);
    case 'percent':
      // 40% is the fraction 0.40: two more decimal places than the digits written.
      return quantityConstant('percent', literal.value, 2);
    case 'money':
      return quantityConstant('money', literal.pence, 0);
    case 'duration':
      return quantityConstant(literal.duration.unit, literal.duration.amount, 0);
    case 'date':
      return dateConstant(literal.value, scope);
    case 'month': {
      const monthIndex = parseMonthIndex(literal.value);
      if (Number.isNaN(monthIndex))
        throw invalidModel(scope, `'${literal.value}' is not a month written YYYY-MM.`);
      return { kind: 'month', monthIndex };
    }
    case 'text': {
      const value = literal.value;
      return { kind: 'text', fixed: value, read: () => value };
    }
    case 'boolean': {
      const value = literal.value ? 1 : 0;
      return { kind: 'boolean', fixed: value, read: () => value };
    }
  }
}

/** Decimal text as a constant quantity, `shift` more places than written (for percentages). */
function quantityConstant(unit: QuantityUnit, text: string, shift: number): Compiled {
  const point = text.indexOf('.');
  const places = (point < 0 ? 0 : text.length - point - 1) + shift;
  const units = Number(point < 0 ? text : text.slice(0, point) + text.slice(point + 1));
  const written = fromDecimal(text);
  const constant = rational(written.n, written.d * 10n ** BigInt(shift));
  const fast = Number.isSafeInteger(units);
  return {
    kind: 'quantity',
    unit,
    places,
    constant,
    fixed: fast ? units : undefined,
    read: fast
      ? () => units
      : (context) => {
          context.inexact = true;
          return 0;
        },
    exact: () => constant,
  };
}

function dateConstant(text: string, scope: CompileScope): Compiled {
  const time = text.length > 10;
  const value = time ? parseDateTime(text) : parseDay(text);
  if (Number.isNaN(value))
    throw invalidModel(scope, `'${text}' is not a date (YYYY-MM-DD) or date-time (YYYY-MM-DDTHH:MM).`);
  return { kind: 'instant', unit: time ? 'second' : 'day', fixed: value, read: () => value };
}
