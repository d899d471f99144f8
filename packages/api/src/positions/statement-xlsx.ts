import { isPayable, PAYABLE_KINDS, type Statement } from '@parity/engine';
import ExcelJS from 'exceljs';
import {
  type CellValue,
  type ColumnKind,
  type StatementColumn,
  statementColumns,
} from './statement-columns.js';

/**
 * The statement as an XLSX workbook finance can work in: amounts are numbers in pounds with a £
 * format (beside the exact pence), attainment a percentage, the as-of date a date; the header is
 * frozen and a last row totals what was earned with formulas whose results are stored too, for
 * readers that do not recalculate.
 */

const POUNDS_FORMAT = '"£"#,##0.00';
const FORMATS: Partial<Record<ColumnKind, string>> = {
  pounds: POUNDS_FORMAT,
  pence: '0',
  integer: '0',
  fraction: '0.00%',
  date: 'yyyy-mm-dd',
};

/** Whole pence as a number when it is exactly one, else the digits, so no amount is ever rounded. */
const penceNumber = (pence: string): number | string =>
  Number.isSafeInteger(Number(pence)) ? Number(pence) : pence;

/** A cell's value as the XLSX holds it. */
function xlsxValue(kind: ColumnKind, value: CellValue): ExcelJS.CellValue {
  if (kind === 'pounds') return Number(BigInt(value)) / 100;
  if (kind === 'pence') return penceNumber(String(value));
  if (kind === 'fraction') return value === '' ? null : Number(value);
  if (kind === 'date') return new Date(`${value}T00:00:00.000Z`);
  return value;
}

/** `=SUMPRODUCT(SUMIF(kinds, {payable kinds}, amounts))`: the earned lines' amounts, as the engine totals them. */
function earnedFormula(kindRange: string, amountRange: string): string {
  const kinds = [...PAYABLE_KINDS].map((k) => `"${k}"`).join(',');
  return `SUMPRODUCT(SUMIF(${kindRange},{${kinds}},${amountRange}))`;
}

/** The totals row: for each amount column, the earned lines' sum as a formula with its result. */
function addEarnedRow(sheet: ExcelJS.Worksheet, columns: StatementColumn[], statement: Statement): void {
  const first = 2;
  const last = statement.lines.length + 1;
  const kindColumn = sheet.getColumn(columns.findIndex((c) => c.header === 'kind') + 1).letter;
  const earned = statement.lines.filter(isPayable);
  const row = sheet.addRow([]);
  row.getCell(1).value = 'earned';
  row.getCell(columns.findIndex((c) => c.header === 'explanation') + 1).value =
    `Earned: the lines of kind ${[...PAYABLE_KINDS].join(', ')}. Risk shares, payments on account, reconciliations and memoranda settle or explain what is earned, and are not added.`;
  columns.forEach((column, i) => {
    if (column.kind !== 'pounds' && column.kind !== 'pence') return;
    const pence = earned.reduce((sum, line) => sum + BigInt(column.value(line, statement)), 0n);
    const result = column.kind === 'pounds' ? Number(pence) / 100 : penceNumber(pence.toString());
    const letter = sheet.getColumn(i + 1).letter;
    row.getCell(i + 1).value =
      earned.length === 0 || typeof result === 'string'
        ? result
        : {
            formula: earnedFormula(
              `$${kindColumn}$${first}:$${kindColumn}$${last}`,
              `${letter}${first}:${letter}${last}`,
            ),
            result,
          };
  });
  row.font = { bold: true };
}

/** The payment lines sheet: one row per line, typed and formatted, then the earned total. */
function addLinesSheet(workbook: ExcelJS.Workbook, statement: Statement): void {
  const columns = statementColumns(statement);
  const sheet = workbook.addWorksheet('Payment lines', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({ header: c.header, key: c.header, width: c.width }));
  columns.forEach((c, i) => {
    const format = FORMATS[c.kind];
    if (format) sheet.getColumn(i + 1).numFmt = format;
  });
  for (const line of statement.lines)
    sheet.addRow(columns.map((c) => xlsxValue(c.kind, c.value(line, statement))));
  sheet.getRow(1).font = { bold: true };
  addEarnedRow(sheet, columns, statement);
}

/** The totals sheet: each total in pounds (numbers, £ format) and in exact pence. */
function addTotalsSheet(workbook: ExcelJS.Workbook, statement: Statement): void {
  const sheet = workbook.addWorksheet('Totals');
  sheet.columns = [{ width: 34 }, { width: 18 }, { width: 15 }];
  sheet.addRow(['contract', statement.contract]);
  sheet.addRow(['version', statement.version]);
  const asOf = sheet.addRow(['as of', xlsxValue('date', statement.asOf)]);
  asOf.getCell(2).numFmt = 'yyyy-mm-dd';
  const money = (label: string, pence: string) => {
    const row = sheet.addRow([label, xlsxValue('pounds', pence), xlsxValue('pence', pence)]);
    row.getCell(2).numFmt = POUNDS_FORMAT;
    row.getCell(3).numFmt = '0';
  };
  sheet.addRow(['', 'amount_gbp', 'amount_pence']).font = { bold: true };
  money('earned (£)', statement.earnedPence);
  for (const [kind, pence] of Object.entries(statement.totalsByKind)) money(`total ${kind} (£)`, pence);
  for (const [ods, pence] of Object.entries(statement.totalsByCommissioner ?? {}))
    money(`commissioner ${ods}'s share (£)`, pence);
  money('paid on account (£)', statement.paidOnAccountPence);
  money('reconciliation (£)', statement.reconciliationPence);
}

/** The statement as an XLSX workbook: the lines, and a sheet of totals. */
export async function statementXlsx(statement: Statement): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Parity';
  addLinesSheet(workbook, statement);
  addTotalsSheet(workbook, statement);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
