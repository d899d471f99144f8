import { formatPence, type PaymentLineJson, type Position, type Statement } from '@parity/engine';
import { UsageError } from '../output.js';

/** Pence as text (`"125000"`) shown as pounds with pence: `£1,250.00`. */
const pounds = (pence: string) => formatPence(BigInt(pence));

/** Rows as aligned columns; the columns named in `right` (amounts) are aligned right. */
export function table(header: string[], rows: string[][], right: ReadonlySet<number> = new Set()): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (right.has(i) ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/**
 * The position and statement for a person to read: the contract and date, the measures' year to
 * date, every payment line numbered (the number `--explain` takes) with its amount, and the totals.
 */
export function positionText(position: Position, statement: Statement): string {
  const parts = [
    `${statement.title}`,
    `${statement.contract}  as of ${statement.asOf}  year ${statement.year}  ${statement.provisional ? 'provisional' : 'final'}`,
  ];
  const measures = position.measures.filter((m) => m.view === 'year-to-date' || m.view === 'year');
  if (measures.length > 0)
    parts.push(
      `\nMeasures\n${table(
        ['measure', 'provider', 'period', 'status', 'value', 'numerator', 'denominator'],
        measures.map((m) => [
          m.measure,
          m.provider,
          m.period,
          m.status,
          m.value ?? '',
          m.numerator ?? '',
          m.denominator ?? '',
        ]),
        new Set([4, 5, 6]),
      )}`,
    );
  parts.push(
    `\nPayment lines\n${table(
      ['#', 'kind', 'clause', 'provider', 'period', 'status', 'amount', ''],
      statement.lines.map((l, i) => [
        String(i + 1),
        l.kind,
        l.scheme ? `${l.scheme} › ${l.clause}` : l.clause,
        l.provider,
        l.period,
        l.status,
        pounds(l.pence),
        l.provisional ? 'provisional' : 'final',
      ]),
      new Set([0, 6]),
    )}`,
  );
  const totals: string[][] = [['earned', pounds(statement.earnedPence)]];
  for (const [kind, pence] of Object.entries(statement.totalsByKind)) totals.push([`${kind}`, pounds(pence)]);
  for (const [provider, pence] of Object.entries(statement.totalsByProvider))
    totals.push([`provider ${provider}`, pounds(pence)]);
  for (const [ods, pence] of Object.entries(statement.totalsByCommissioner ?? {}))
    totals.push([`commissioner ${ods}'s share`, pounds(pence)]);
  if (statement.paidOnAccountPence !== '0')
    totals.push(['paid on account', pounds(statement.paidOnAccountPence)]);
  if (statement.reconciliationPence !== '0')
    totals.push(['reconciliation', pounds(statement.reconciliationPence)]);
  parts.push(`\nTotals\n${table(['total', 'amount'], totals, new Set([1]))}`);
  return `${parts.join('\n')}\n`;
}

/**
 * How one payment line's figure was computed: the clause and where it is written, the inputs, the
 * formula with the numbers substituted and the rounding. `which` is the line's number in the table.
 */
export function explainLine(statement: Statement, which: string): string {
  const index = Number(which);
  const line: PaymentLineJson | undefined =
    /^[0-9]+$/.test(which) && index >= 1 ? statement.lines[index - 1] : undefined;
  if (!line)
    throw new UsageError(
      `--explain takes a payment line's number, 1 to ${statement.lines.length}, as the table numbers them; not '${which}'`,
    );
  const out = [
    `Line ${index}: ${line.kind} ${line.scheme ? `${line.scheme} › ` : ''}${line.clause}, ${line.provider}, ${line.period}: ${pounds(line.pence)} (${line.status}, ${line.provisional ? 'provisional' : 'final'})`,
  ];
  const trace = line.trace;
  if (trace) {
    const at = trace.location ? `  (${trace.location.file}:${trace.location.line})` : '';
    out.push(`  clause:   ${trace.clause}${at}`);
    for (const [name, value] of Object.entries(trace.inputs)) out.push(`  input:    ${name} = ${value}`);
    out.push(`  formula:  ${trace.formula}`);
    if (trace.rounding) out.push(`  rounding: ${trace.rounding}`);
  }
  out.push(`  ${trace?.text ?? line.explanation}`);
  return `${out.join('\n')}\n`;
}
