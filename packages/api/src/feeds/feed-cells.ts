import type { DatasetField } from '@parity/engine';

/**
 * A feed's cells as its parsers hand them over. What a cell's text means, for each field type, is
 * the engine's (`readCell` and the calendar); here is only how a spreadsheet's dates become text.
 */

/** A cell as a parser hands it over: text, a spreadsheet date, or nothing. */
export type Cell = string | Date | undefined;

/** The text of a cell, with spreadsheet dates written as the field's type expects. */
export function cellText(cell: Cell, type: DatasetField['type'] | undefined): string {
  if (cell === undefined) return '';
  if (typeof cell === 'string') return cell.trim();
  const iso = cell.toISOString();
  if (type === 'datetime') return iso.endsWith(':00.000Z') ? iso.slice(0, 16) : iso.slice(0, 19);
  // A date cell with a time of day keeps it, so a date field refuses it rather than losing the time.
  if (iso.endsWith('T00:00:00.000Z') || type === undefined) return iso.slice(0, 10);
  return iso.endsWith(':00.000Z') ? iso.slice(0, 16) : iso.slice(0, 19);
}
