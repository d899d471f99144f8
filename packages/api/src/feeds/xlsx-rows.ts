import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Cell } from './feed-cells.js';
import { chunksOf, type ZipLayout } from './xlsx-zip-check.js';

/** How many rows go to the reader at a time. */
const BATCH = 1000;

/**
 * Reads the first worksheet of an XLSX workbook file (open as `file`, its ZIP checked and laid out
 * as `layout`) with exceljs's streaming reader, as rows of cells: the first non-empty row is the
 * header. Numbers come out as their shortest decimal text, dates (cells formatted as dates) as
 * Date values, formulas as their results. Later worksheets are read past and ignored. Blank rows
 * are skipped. Run inside the workbook worker.
 */
export async function* readFirstSheet(file: number, layout: ZipLayout): AsyncGenerator<Cell[][]> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(relaid(file, layout)), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  // The parts come in reading order (see `relaid`), so the reader never needs to set a worksheet
  // aside in a temporary file to wait for the shared strings: it is told not to wait, even when a
  // workbook has none.
  Object.assign(workbook, { sharedStrings: [], workbookRels: [] });
  let first = true;
  let width = 0;
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
      if (batch.length >= BATCH) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length > 0) yield batch;
  }
}

/** The order parts are read in: what the worksheets refer to first, the worksheets last. */
const READING_ORDER = [
  '_rels/.rels',
  'xl/_rels/workbook.xml.rels',
  'xl/workbook.xml',
  'xl/sharedStrings.xml',
  'xl/styles.xml',
];

function rank(name: string): number {
  const at = READING_ORDER.indexOf(name);
  return at >= 0
    ? at
    : /^xl\/worksheets\/sheet\d+\.xml$/.test(name)
      ? READING_ORDER.length + 1
      : READING_ORDER.length;
}

/** The workbook's parts, each whole with its local header, in reading order, then its directory. */
async function* relaid(file: number, layout: ZipLayout): AsyncGenerator<Buffer> {
  const parts = [...layout.parts].sort((a, b) => rank(a.name) - rank(b.name));
  for (const range of [...parts, layout.directory]) yield* chunksOf(file, range.start, range.end);
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
