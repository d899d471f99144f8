import { type Statement, toDecimal } from '@parity/engine';
import { stringify } from 'csv-stringify/sync';
import { type CellValue, type ColumnKind, statementColumns } from './statement-columns.js';

/**
 * Downloads of the finance statement (`Statement`, computed by the engine): CSV here, XLSX in
 * statement-xlsx.ts. Both write the same columns (statement-columns.ts) with the same meaning.
 */
export { statementXlsx } from './statement-xlsx.js';

/** Pence as exact pounds text, `1250000` → `12500.00`. */
const poundsText = (pence: string) => toDecimal({ n: BigInt(pence), d: 100n }, 2);

/** A cell as CSV text: amounts exact, booleans spelt `true` and `false` as in the XLSX. */
function csvText(kind: ColumnKind, value: CellValue): string {
  if (kind === 'pounds') return poundsText(String(value));
  return String(value);
}

/** The statement as CSV for finance: one row per payment line, amounts in pounds and in pence. */
export function statementCsv(statement: Statement): string {
  const columns = statementColumns(statement);
  const rows = statement.lines.map((line) =>
    columns.map((column) => csvText(column.kind, column.value(line, statement))),
  );
  return stringify([columns.map((c) => c.header), ...rows]);
}
