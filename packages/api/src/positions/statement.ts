import { type Statement, toDecimal } from '@parity/engine';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';

/** Downloads of the finance statement (`Statement`, computed by the engine): CSV and XLSX. */

const COLUMNS = [
  'contract',
  'version',
  'as_of',
  'kind',
  'clause',
  'scheme',
  'provider',
  'period',
  'amount_gbp',
  'amount_pence',
  'status',
  'attainment',
  'provisional',
  'explanation',
];

/** The commissioners a multi-commissioner statement apportions each line among, in the contract's order. */
const commissionersOf = (statement: Statement) => Object.keys(statement.totalsByCommissioner ?? {});

/** The header: the fixed columns, then each commissioner's share of the line in pounds and pence. */
function columnsOf(statement: Statement): string[] {
  return [
    ...COLUMNS,
    ...commissionersOf(statement).flatMap((ods) => [`${ods}_share_gbp`, `${ods}_share_pence`]),
  ];
}

const pounds = (pence: string) => toDecimal({ n: BigInt(pence), d: 100n }, 2);

function rowsOf(statement: Statement): (string | number | boolean)[][] {
  const commissioners = commissionersOf(statement);
  return statement.lines.map((l) => [
    statement.contract,
    // The version that priced the line: the one in force when its period started.
    l.version,
    statement.asOf,
    l.kind,
    l.clause,
    l.scheme ?? '',
    l.provider,
    l.period,
    l.pounds,
    l.pence,
    l.status,
    l.attainment ?? '',
    l.provisional,
    l.explanation,
    ...commissioners.flatMap((ods) => {
      const share = l.commissioners?.[ods] ?? '0';
      return [pounds(share), share];
    }),
  ]);
}

/** The statement as CSV for finance: one row per payment line, amounts in pounds and in pence. */
export function statementCsv(statement: Statement): string {
  return stringify([columnsOf(statement), ...rowsOf(statement)]);
}

/** The statement as an XLSX workbook: the lines, and a summary sheet of totals. */
export async function statementXlsx(statement: Statement): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Parity';
  const sheet = workbook.addWorksheet('Payment lines');
  sheet.addRow(columnsOf(statement));
  for (const row of rowsOf(statement)) sheet.addRow(row);
  sheet.getRow(1).font = { bold: true };
  // Amounts are written as text of exact pounds and pence, so no spreadsheet float rounds them.
  const summary = workbook.addWorksheet('Totals');
  summary.addRow(['contract', statement.contract]);
  summary.addRow(['version', statement.version]);
  summary.addRow(['as of', statement.asOf]);
  summary.addRow(['earned (£)', pounds(statement.earnedPence)]);
  for (const [kind, pence] of Object.entries(statement.totalsByKind))
    summary.addRow([`total ${kind} (£)`, pounds(pence)]);
  for (const [ods, pence] of Object.entries(statement.totalsByCommissioner ?? {}))
    summary.addRow([`commissioner ${ods}'s share (£)`, pounds(pence)]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
