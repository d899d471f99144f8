import type { PaymentLineJson, Statement } from '@parity/engine';

/**
 * The columns of a statement download, shared by the CSV and the XLSX so that both say the same
 * thing in each column: each column has a kind, and each writer renders that kind its own way
 * (text in the CSV, a typed cell with a number format in the XLSX).
 */

/** What a column holds, which decides how each download writes it. */
export type ColumnKind =
  /** Plain text. */
  | 'text'
  /** A whole number (a version). */
  | 'integer'
  /** A calendar date, `YYYY-MM-DD`. */
  | 'date'
  /** Money in pounds, held as integer pence so neither writer rounds it. */
  | 'pounds'
  /** Money in integer pence. */
  | 'pence'
  /** A fraction (0.5 is 50%), as exact decimal text, or empty when there is none. */
  | 'fraction'
  /** `true` or `false`. */
  | 'boolean';

/** One cell's value before it is written: strings are exact (pence as digits, fractions as decimals). */
export type CellValue = string | number | boolean;

export interface StatementColumn {
  header: string;
  kind: ColumnKind;
  /** The column's width in characters, in the XLSX. */
  width: number;
  value(line: PaymentLineJson, statement: Statement): CellValue;
}

const FIXED: StatementColumn[] = [
  { header: 'contract', kind: 'text', width: 34, value: (_, s) => s.contract },
  // The version that priced the line: the one in force when its period started.
  { header: 'version', kind: 'integer', width: 9, value: (l) => l.version },
  { header: 'as_of', kind: 'date', width: 12, value: (_, s) => s.asOf },
  { header: 'kind', kind: 'text', width: 14, value: (l) => l.kind },
  { header: 'clause', kind: 'text', width: 24, value: (l) => l.clause },
  { header: 'scheme', kind: 'text', width: 16, value: (l) => l.scheme ?? '' },
  { header: 'provider', kind: 'text', width: 10, value: (l) => l.provider },
  { header: 'period', kind: 'text', width: 14, value: (l) => l.period },
  { header: 'amount_gbp', kind: 'pounds', width: 16, value: (l) => l.pence },
  { header: 'amount_pence', kind: 'pence', width: 15, value: (l) => l.pence },
  { header: 'status', kind: 'text', width: 17, value: (l) => l.status },
  { header: 'attainment', kind: 'fraction', width: 11, value: (l) => l.attainment ?? '' },
  { header: 'provisional', kind: 'boolean', width: 11, value: (l) => l.provisional },
  { header: 'explanation', kind: 'text', width: 100, value: (l) => l.explanation },
];

/** The commissioners a multi-commissioner statement apportions each line among, in the contract's order. */
const commissionersOf = (statement: Statement) => Object.keys(statement.totalsByCommissioner ?? {});

/** The columns: the fixed ones, then each commissioner's share of the line in pounds and in pence. */
export function statementColumns(statement: Statement): StatementColumn[] {
  return [
    ...FIXED,
    ...commissionersOf(statement).flatMap((ods): StatementColumn[] => {
      const share = (l: PaymentLineJson) => l.commissioners?.[ods] ?? '0';
      return [
        { header: `${ods}_share_gbp`, kind: 'pounds', width: 16, value: share },
        { header: `${ods}_share_pence`, kind: 'pence', width: 15, value: share },
      ];
    }),
  ];
}
