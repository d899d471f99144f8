import { parseDateTime, parseDay } from '../calendar/index.js';
import type { DatasetField, FieldType } from '../model/measure.js';
import type { FieldValue } from './observations.js';
import { DECIMAL_PLACES, decimalUnits, integerUnits, penceUnits } from './quantity-values.js';

/**
 * How each field type is held in a row context. A decoder returns the slot's number (NaN when the
 * value is not of the type); text fields are held as they are.
 */

export type SlotKind = 'text' | 'quantity' | 'day' | 'second' | 'boolean';

export interface FieldSlot {
  index: number;
  field: DatasetField;
  kind: SlotKind;
  /** Quantities only: decimal places of the units the slot holds. */
  places: number;
}

const KIND: Record<FieldType, SlotKind> = {
  pseudonym: 'text',
  text: 'text',
  code: 'text',
  integer: 'quantity',
  decimal: 'quantity',
  money: 'quantity',
  boolean: 'boolean',
  date: 'day',
  datetime: 'second',
};

export function slotFor(field: DatasetField, index: number): FieldSlot {
  return { index, field, kind: KIND[field.type], places: field.type === 'decimal' ? DECIMAL_PLACES : 0 };
}

/** Type codes for the decoding loop's switch, which is faster than a closure per field. */
export const TypeCode = {
  Text: 0,
  Integer: 1,
  Decimal: 2,
  Money: 3,
  Boolean: 4,
  Date: 5,
  DateTime: 6,
} as const;

export function typeCodeOf(type: FieldType): number {
  switch (type) {
    case 'integer':
      return TypeCode.Integer;
    case 'decimal':
      return TypeCode.Decimal;
    case 'money':
      return TypeCode.Money;
    case 'boolean':
      return TypeCode.Boolean;
    case 'date':
      return TypeCode.Date;
    case 'datetime':
      return TypeCode.DateTime;
    default:
      return TypeCode.Text;
  }
}

/** Decodes a present, non-text value; NaN when it is not of the type. */
export function decodeNumber(code: number, value: FieldValue): number {
  switch (code) {
    case TypeCode.Integer:
      return integerUnits(value);
    case TypeCode.Decimal:
      return decimalUnits(value);
    case TypeCode.Money:
      return penceUnits(value);
    case TypeCode.Boolean:
      return value === true ? 1 : value === false ? 0 : Number.NaN;
    case TypeCode.Date:
      return typeof value === 'string' ? parseDay(value) : Number.NaN;
    default:
      return typeof value === 'string' ? parseDateTime(value) : Number.NaN;
  }
}

/** A value as an error message quotes it. */
export function describeValue(value: FieldValue): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'bigint') return `${value}n`;
  return String(value);
}
