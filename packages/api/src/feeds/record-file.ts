import {
  type Dataset,
  DomainError,
  identifyingColumnMessage,
  identifyingName,
  type RecordRow,
  readCell,
  readMonth,
} from '@parity/engine';
import { cellsOf, malformation, splitRows } from './parse-csv.js';

/**
 * A record-level dataset's rows from CSV text, for tests that give their records in a file
 * (`given D = from "cases.csv"`). Each cell is read by the engine's codec for its field, as a
 * feed's are: identifying columns and values refused, date-times on the dataset's clock. The
 * columns are the dataset's fields in any order, and may add `provider` (an ODS code) and `month`
 * (YYYY-MM) to place rows; an empty cell is a missing optional value. The first problem is thrown,
 * naming the file, row and column.
 */
export function readRecordCsv(dataset: Dataset, text: string, file: string): RecordRow[] {
  const batch = splitRows(text.replace(/^\uFEFF/, ''), true);
  const header = batch.cells.length > 0 ? cellsOf(batch, 0).map((c) => c.trim()) : [];
  const refuse = (row: number, column: string, problem: string): never => {
    throw new DomainError('invalid-record', `${file}, row ${row}, column '${column}': ${problem}.`, {
      row,
      field: column,
    });
  };
  const fields = header.map((name) => {
    const field = dataset.fields.find((f) => f.name === name);
    if (field || name === 'provider' || name === 'month') return field;
    const identifying = identifyingName(name);
    return refuse(
      0,
      name,
      identifying
        ? identifyingColumnMessage(name, identifying)
        : `is not a field of ${dataset.name} (its fields are ${dataset.fields.map((f) => f.name).join(', ')}, with provider and month if wanted)`,
    );
  });
  for (const field of dataset.fields)
    if (!field.optional && !header.includes(field.name)) refuse(0, field.name, 'the column is missing');
  const rows: RecordRow[] = [];
  for (let index = 1; index < batch.cells.length; index++) {
    const cells = cellsOf(batch, index);
    if (cells.length === 1 && cells[0]?.trim() === '') continue;
    const broken = malformation(cells);
    if (broken) refuse(index, '', broken);
    if (cells.length !== header.length)
      refuse(index, '', `has ${cells.length} cells, the header ${header.length}`);
    const row: Record<string, unknown> = {};
    header.forEach((name, column) => {
      const text = (cells[column] ?? '').trim();
      const field = fields[column];
      if (!field) {
        if (name === 'month' && text !== '' && readMonth(text) === undefined)
          refuse(index, name, `must be a month written YYYY-MM, not "${text}"`);
        if (text !== '') row[name] = text;
        return;
      }
      if (text === '') {
        if (!field.optional) refuse(index, name, 'a value is required');
        row[name] = null;
        return;
      }
      const reading = readCell(field, text, dataset.timeZone ?? 'UTC');
      row[name] = reading.ok ? reading.value : refuse(index, name, reading.problem);
    });
    rows.push(row as unknown as RecordRow);
  }
  return rows;
}
