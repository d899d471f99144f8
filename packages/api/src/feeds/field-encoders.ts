import type { Cell } from './feed-cells.js';

/** JSON rows' values as cells, so that a JSON feed is checked as a CSV one is. */

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
