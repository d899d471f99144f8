import type { DatasetField } from '@parity/engine';
import {
  type Cell,
  readBoolean,
  readDate,
  readDateTime,
  readDecimal,
  readInteger,
  readPence,
} from './validate-row.js';

/**
 * The careful path's writers: each field's value, from its cell's text, as the JSON the stored row
 * holds (money as integer pence, decimals as exact text), and JSON rows' values as cells.
 */

export type Encoder = (text: string) => string | undefined;

/** Each field's value as JSON text for the stored row, or undefined when the cell is not of the type. */
export function encoderOf(field: DatasetField): Encoder {
  if (field.codes) {
    const allowed = new Map(field.codes.map((code) => [code, JSON.stringify(code)]));
    return (text) => allowed.get(text);
  }
  switch (field.type) {
    case 'integer':
      return (text) => {
        const value = readInteger(text);
        if (value === undefined) return undefined;
        // Beyond 15 digits a number could lose digits in a double: such values are kept as text.
        return (value.startsWith('-') ? value.length - 1 : value.length) <= 15 ? value : `"${value}"`;
      };
    case 'decimal':
      return (text) => {
        const value = readDecimal(text);
        return value === undefined ? undefined : `"${value}"`;
      };
    case 'money':
      return (text) => {
        const value = readPence(text);
        return value === undefined ? undefined : String(value);
      };
    case 'boolean':
      return (text) => {
        const value = readBoolean(text);
        return value === undefined ? undefined : value ? 'true' : 'false';
      };
    case 'date':
      return (text) => (readDate(text) === undefined ? undefined : `"${text}"`);
    case 'datetime':
      return (text) => {
        const value = readDateTime(text);
        return value === undefined ? undefined : `"${value}"`;
      };
    default:
      return (text) => JSON.stringify(text);
  }
}

export const INVALID_JSON = Symbol('invalid JSON value');

/** A JSON value as a cell: text as it is, numbers and booleans written out, null as empty. */
export function jsonCell(value: unknown): Cell | typeof INVALID_JSON {
  if (typeof value === 'string') return value;
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (
    typeof value === 'number' &&
    Number.isFinite(value) &&
    (!Number.isInteger(value) || Number.isSafeInteger(value))
  )
    return String(value);
  return INVALID_JSON;
}

export function jsonProblem(value: unknown): string {
  if (typeof value === 'number')
    return `${value} is too large to read exactly from JSON: write it as a string`;
  return 'must be a single value (text, a number, true/false or null), not an object or a list';
}
