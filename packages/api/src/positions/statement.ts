import { type PaymentLine, toDecimal } from '@parity/engine';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import type { ContractEvaluation } from './evaluate-contract.js';
import { lineJson } from './position.js';

const PAYABLE = new Set([
  'block',
  'activity',
  'capitation',
  'year-of-care',
  'cquin',
  'withhold',
  'flow-down',
]);

/** A finance statement: every payment line with its explanation, and totals by kind and by provider. */
export function statementOf(evaluation: ContractEvaluation, asOf: string, provider?: string) {
  const lines = evaluation.evaluation.result.lines.filter((l) => !provider || l.provider === provider);
  const totals = (pick: (line: PaymentLine) => string) => {
    const sums = new Map<string, bigint>();
    for (const line of lines.filter(
      (l) => PAYABLE.has(l.kind) || (l.kind === 'risk-share' && l.provider !== '*'),
    ))
      sums.set(pick(line), (sums.get(pick(line)) ?? 0n) + line.pence);
    return Object.fromEntries([...sums].sort().map(([k, v]) => [k, v.toString()]));
  };
  const onAccount = lines.filter((l) => l.kind === 'on-account').reduce((s, l) => s + l.pence, 0n);
  const reconciliation = lines.filter((l) => l.kind === 'reconciliation').reduce((s, l) => s + l.pence, 0n);
  return {
    contract: evaluation.model.contract.name,
    title: evaluation.model.contract.title,
    version: evaluation.version,
    contentHash: evaluation.model.contentHash,
    asOf,
    provisional: lines.some((l) => l.provisional),
    lines: lines.map((line) => lineJson(line)),
    totalsByKind: totals((l) => l.kind),
    totalsByProvider: totals((l) => l.provider),
    earnedPence: lines
      .filter((l) => PAYABLE.has(l.kind))
      .reduce((s, l) => s + l.pence, 0n)
      .toString(),
    paidOnAccountPence: onAccount.toString(),
    reconciliationPence: reconciliation.toString(),
    riskShares: evaluation.evaluation.result.riskShares.map((r) => ({
      ...r,
      variancePence: r.variancePence.toString(),
      providersPence: r.providersPence.toString(),
      commissionerPence: r.commissionerPence.toString(),
    })),
    submissions: evaluation.submissionIds,
  };
}

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

function rowsOf(statement: ReturnType<typeof statementOf>): (string | number | boolean)[][] {
  return statement.lines.map((l) => [
    statement.contract,
    statement.version,
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
  ]);
}

/** The statement as CSV for finance: one row per payment line, amounts in pounds and in pence. */
export function statementCsv(statement: ReturnType<typeof statementOf>): string {
  return stringify([COLUMNS, ...rowsOf(statement)]);
}

/** The statement as an XLSX workbook: the lines, and a summary sheet of totals. */
export async function statementXlsx(statement: ReturnType<typeof statementOf>): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Parity';
  const sheet = workbook.addWorksheet('Payment lines');
  sheet.addRow(COLUMNS);
  for (const row of rowsOf(statement)) sheet.addRow(row);
  sheet.getRow(1).font = { bold: true };
  // Amounts are written as text of exact pounds and pence, so no spreadsheet float rounds them.
  const summary = workbook.addWorksheet('Totals');
  summary.addRow(['contract', statement.contract]);
  summary.addRow(['version', statement.version]);
  summary.addRow(['as of', statement.asOf]);
  summary.addRow(['earned (£)', toDecimal({ n: BigInt(statement.earnedPence), d: 100n }, 2)]);
  for (const [kind, pence] of Object.entries(statement.totalsByKind))
    summary.addRow([`total ${kind} (£)`, toDecimal({ n: BigInt(pence), d: 100n }, 2)]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
