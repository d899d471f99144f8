import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Cell } from './feed-cells.js';

/**
 * Reads the first worksheet of an XLSX workbook with exceljs's streaming reader, as rows of cells:
 * the first non-empty row is the header. Numbers come out as their shortest decimal text, dates
 * (cells formatted as dates) as Date values, formulas as their results. Later worksheets are read
 * past and ignored. Blank rows are skipped.
 */
export async function* parseXlsx(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<Cell[][]> {
  const input = Readable.from(chunks, { objectMode: false });
  const workbook = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  let first = true;
  let width = 0;
  try {
    yield* rowsOfFirstSheet();
  } finally {
    // Stopped early (a bad header): let go of the body, which the caller drains itself.
    input.destroy();
  }

  async function* rowsOfFirstSheet(): AsyncGenerator<Cell[][]> {
    for await (const worksheet of workbook) {
      if (!first) {
        for await (const _ of worksheet) {
          // Only the first worksheet is the feed.
        }
        continue;
      }
      first = false;
      let batch: Cell[][] = [];
      for await (const row of worksheet) {
        const cells = cellsOf(row.values, width);
        if (cells.every((c) => c === undefined || c === '')) continue;
        if (width === 0) width = cells.length;
        batch.push(cells);
        if (batch.length >= 1000) {
          yield batch;
          batch = [];
        }
      }
      if (batch.length > 0) yield batch;
    }
  }
}

/** A row's cells from exceljs's 1-based sparse values, at least `width` long, trailing blanks cut beyond it. */
function cellsOf(values: ExcelJS.CellValue[] | { [key: string]: ExcelJS.CellValue }, width: number): Cell[] {
  const list = Array.isArray(values) ? values : [];
  let last = list.length - 1;
  while (last > width && (list[last] === undefined || list[last] === null || list[last] === '')) last--;
  const cells: Cell[] = new Array(Math.max(width, last)).fill(undefined);
  for (let i = 1; i <= last; i++) cells[i - 1] = cellOf(list[i]);
  return cells;
}

function cellOf(value: ExcelJS.CellValue | undefined): Cell {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Date) return value;
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('result' in value) return cellOf(value.result as ExcelJS.CellValue);
  if ('formula' in value || 'sharedFormula' in value) return undefined;
  if ('text' in value && typeof value.text === 'string') return value.text;
  if ('error' in value) return String(value.error);
  return undefined;
}
