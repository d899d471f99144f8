import {
  type AggregateReturn,
  baselineMonths,
  type ContractModel,
  financialYearOf,
  identifyingColumnMessage,
  identifyingName,
  identifyingValueAt,
  identifyingValueProblem,
  isWeeklyLevel,
  monthsOfWeeks,
  periodLabel,
  periodsOfTerm,
  quarterOf,
  quoteCell as quoted,
  readDecimal,
  readInteger,
  readMonth,
  readPence,
  weekProblem,
} from '@parity/engine';
import { type Cell, cellText } from './feed-cells.js';
import type { FeedErrors } from './feed-errors.js';

/** The columns of an aggregate return; measure and period are required, the figures as needed. */
export const RETURN_COLUMNS = [
  'measure',
  'period',
  'numerator',
  'denominator',
  'value',
  'pence',
  'evidence',
] as const;
type ReturnColumn = (typeof RETURN_COLUMNS)[number];

/** One checked row of a return, before the provider and submission time are added. */
export interface ReturnFigure {
  measure: string;
  period: string;
  numerator?: string;
  denominator?: string;
  value?: string;
  pence?: string;
  /** The evidence reference of an attestation (a report or board paper), as written. */
  evidence?: string;
}

/**
 * Checks the rows of an aggregate return: each names a measure the contract takes from this
 * return, the feed's month or the quarter or year it falls in, and its figures (non-negative counts with
 * the numerator at most the denominator, a value, or an amount). A return holds at most one row
 * per measure and period, so the checked figures are few and kept in memory.
 */
export class ReturnRows {
  private readonly measureNames = new Map<string, string | null>();
  private readonly periods: Set<string>;
  /** The periods a row of this feed may be for: the feed's month, its quarter and its year. */
  private readonly feedPeriods: readonly [month: string, quarter: string, year: string];
  private readonly figures = new Map<string, { figure: ReturnFigure; row: number }>();
  private columnOf = new Map<ReturnColumn, number>();
  private width = 0;
  private readonly reportedKeys = new Set<string>();
  /** A level given week by week: each row is a week of the feed's month, and the month their sum. */
  private readonly weekly: boolean;

  constructor(
    private readonly model: ContractModel,
    private readonly source: AggregateReturn,
    period: string,
    private readonly errors: FeedErrors,
    /** Columns the caller reads itself and this leaves alone (an extract's `provider`), lower case. */
    private readonly ignored: readonly string[] = [],
  ) {
    for (const measure of model.measures) {
      if (measure.from?.kind !== 'return' || measure.from.name !== source.name) continue;
      const segments = measure.name.split('.');
      // Full name, or any tail of it (SixChecks, smi.SixChecks), when that tail is unambiguous.
      for (let i = 0; i < segments.length; i++) {
        const tail = segments.slice(i).join('.');
        const known = this.measureNames.get(tail);
        this.measureNames.set(tail, known === undefined || known === measure.name ? measure.name : null);
      }
    }
    // A baseline year's months are read as the term's: the targets on it are judged against them.
    this.periods = new Set([
      ...periodsOfTerm(model.contract.term),
      ...baselineMonths(model).flatMap((month) => [...periodsOfTerm({ start: month, end: month })]),
    ]);
    this.weekly = isWeeklyLevel(source.overTime);
    const year = financialYearOf(period);
    this.feedPeriods = [
      period,
      periodLabel({ kind: 'quarter', year, quarter: quarterOf(period) }),
      periodLabel({ kind: 'year', year }),
    ];
  }

  get rows(): ReturnFigure[] {
    const figures = [...this.figures.values()].sort((a, b) => a.row - b.row).map((f) => f.figure);
    return this.weekly ? monthsOfWeeks(figures, this.feedPeriods[0]) : figures;
  }

  acceptHeader(header: readonly string[]): boolean {
    const before = this.errors.total;
    const columnOf = new Map<ReturnColumn, number>();
    header.forEach((raw, column) => {
      const name = raw.trim();
      const known = RETURN_COLUMNS.find((c) => c === name.toLowerCase());
      const pii = identifyingName(name);
      if (known && columnOf.has(known))
        this.errors.add(0, name, `Column '${name}' appears twice in the header.`);
      else if (known) columnOf.set(known, column);
      else if (pii) this.errors.add(0, name, identifyingColumnMessage(name, pii));
      else if (this.ignored.includes(name.toLowerCase())) return;
      else this.errors.add(0, name || `column ${column + 1}`, this.unknownMessage(name));
    });
    for (const required of ['measure', 'period'] as const) {
      if (!columnOf.has(required))
        this.errors.add(
          0,
          required,
          `Column '${required}' is missing: an aggregate return has columns ${RETURN_COLUMNS.join(', ')} (measure and period always, then the figures each measure needs).`,
        );
    }
    this.columnOf = columnOf;
    this.width = header.length;
    return this.errors.total === before;
  }

  readLine(text: string, start: number, end: number, row: number): void {
    this.readCells(text.slice(start, end).split(','), row);
  }

  readCells(cells: readonly Cell[], row: number, malformed?: string): void {
    if (malformed) {
      this.errors.add(row, '', `Row ${row} cannot be read: ${malformed}.`);
      return;
    }
    if (cells.length !== this.width) {
      this.errors.add(
        row,
        '',
        `Row ${row} has ${cells.length} cells, but the header has ${this.width} columns.`,
      );
      return;
    }
    const text = (column: ReturnColumn) => {
      const index = this.columnOf.get(column);
      const cell = index === undefined ? undefined : cells[index];
      // A spreadsheet may turn a month into a date: take its month.
      return column === 'period' && cell instanceof Date
        ? cell.toISOString().slice(0, 7)
        : cellText(cell, undefined);
    };
    this.check(text, row);
  }

  readObject(value: unknown, row: number): void {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      this.errors.add(row, '', `Row ${row} must be an object of column names to values.`);
      return;
    }
    const record = value as Record<string, unknown>;
    let bad = false;
    for (const key of Object.keys(record)) {
      if ((RETURN_COLUMNS as readonly string[]).includes(key) || this.ignored.includes(key)) continue;
      bad = true;
      if (this.reportedKeys.has(key)) continue;
      this.reportedKeys.add(key);
      const pii = identifyingName(key);
      this.errors.add(row, key, pii ? identifyingColumnMessage(key, pii) : this.unknownMessage(key));
    }
    if (bad) return;
    const text = (column: ReturnColumn) => {
      const cell = record[column];
      if (cell === undefined || cell === null) return '';
      if (typeof cell === 'string') return cell.trim();
      // A count beyond 2^53 has already lost digits in the JSON parser: refuse it rather than guess.
      if (typeof cell === 'number' && Number.isInteger(cell) && !Number.isSafeInteger(cell))
        return `${cell} (too large to read exactly from JSON: write it as a string)`;
      return typeof cell === 'number' || typeof cell === 'boolean' ? String(cell) : JSON.stringify(cell);
    };
    this.check(text, row);
  }

  private unknownMessage(name: string): string {
    return `Column '${name}' is not a column of an aggregate return; its columns are ${RETURN_COLUMNS.join(', ')}.`;
  }

  private check(text: (column: ReturnColumn) => string, row: number): void {
    const before = this.errors.total;
    const problem = (column: string, message: string) =>
      this.errors.add(row, column, `Row ${row}, column '${column}': ${message}.`);
    const measureText = text('measure');
    const measure = measureText === '' ? undefined : this.measureNames.get(measureText);
    if (measureText === '') problem('measure', 'a measure is required');
    else if (measure === null)
      problem('measure', `${quoted(measureText)} names more than one measure: give its full name`);
    else if (measure === undefined) problem('measure', this.unknownMeasure(measureText));
    const period = text('period');
    if (period === '') problem('period', 'a period is required');
    else if (this.weekly) {
      const week = weekProblem(period, this.feedPeriods[0], this.source.name);
      if (week) problem('period', week);
    } else if (!this.periods.has(period))
      problem(
        'period',
        `${quoted(period)} is not a month (2026-05), quarter (2026/27 Q2) or year (2026/27) of the contract term ${this.model.contract.term.start} to ${this.model.contract.term.end}`,
      );
    else if (!this.feedPeriods.includes(period)) problem('period', this.otherPeriod(period));
    const count = (column: 'numerator' | 'denominator') => {
      const raw = text(column);
      if (raw === '') return undefined;
      const value = readInteger(raw);
      if (value === undefined || value.startsWith('-'))
        problem(column, `must be a whole number of zero or more, not ${quoted(raw)}`);
      return value?.startsWith('-') ? undefined : value;
    };
    const numerator = count('numerator');
    const denominator = count('denominator');
    const hasNumerator = text('numerator') !== '';
    const hasDenominator = text('denominator') !== '';
    if (hasNumerator !== hasDenominator)
      problem(hasNumerator ? 'denominator' : 'numerator', 'give both numerator and denominator, or neither');
    if (numerator !== undefined && denominator !== undefined && BigInt(numerator) > BigInt(denominator))
      problem('numerator', `the numerator ${numerator} is larger than the denominator ${denominator}`);
    const valueText = text('value');
    const value = valueText === '' ? undefined : readDecimal(valueText);
    if (valueText !== '' && (value === undefined || value.startsWith('-')))
      problem('value', `must be a number of zero or more, not ${quoted(valueText)}`);
    const penceText = text('pence');
    const pence = penceText === '' ? undefined : readReturnPence(penceText);
    if (penceText !== '' && (pence === undefined || pence < 0))
      problem(
        'pence',
        `must be whole pence of zero or more (1250 or 1250p) or pounds with a £ sign (£12.50), not ${quoted(penceText)}`,
      );
    const evidence = text('evidence');
    const identifying = evidence === '' ? undefined : identifyingValueAt(evidence);
    if (evidence.length > 200) problem('evidence', 'an evidence reference is at most 200 characters');
    else if (identifying) problem('evidence', identifyingValueProblem(identifying));
    if (!hasNumerator && !hasDenominator && valueText === '' && penceText === '')
      problem('numerator', 'give numerator and denominator, a value or pence');
    if (this.errors.total !== before || measure == null) return;
    const key = `${measure}\u0000${period}`;
    const earlier = this.figures.get(key);
    if (earlier) {
      problem('period', `${measure} for ${period} is already given in row ${earlier.row}`);
      return;
    }
    const figure: ReturnFigure = { measure, period };
    if (numerator !== undefined && denominator !== undefined)
      Object.assign(figure, { numerator, denominator });
    if (value !== undefined) figure.value = value;
    if (pence !== undefined) figure.pence = String(pence);
    if (evidence !== '') figure.evidence = evidence;
    this.figures.set(key, { figure, row });
  }

  /** A period of the term that is not the feed's month, nor the quarter or year it falls in. */
  private otherPeriod(period: string): string {
    const [month, quarter, year] = this.feedPeriods;
    const elsewhere = readMonth(period) ? `the feed for ${period}` : `a feed for a month of ${period}`;
    return `${period} is not in this feed's period: a feed for ${month} gives figures for ${month}, its quarter ${quarter} or its year ${year}, so send these in ${elsewhere}`;
  }

  private unknownMeasure(name: string): string {
    const elsewhere = this.model.measures.find((m) => m.name === name || m.name.endsWith(`.${name}`));
    const own = [...new Set(this.measureNames.values())].filter((m): m is string => typeof m === 'string');
    const list =
      own.length > 0 ? `its measures are ${own.join(', ')}` : 'no measure of the contract is taken from it';
    if (elsewhere)
      return `${quoted(name)} is measured from ${elsewhere.from?.kind ?? 'no'} ${elsewhere.from?.name ?? 'source'}, not from ${this.source.name} (${list})`;
    return `${quoted(name)} is not a measure ${this.model.contract.name} takes from ${this.source.name}; ${list}`;
  }
}

/** Whole pence (`1250`, `1250p`) or pounds written with a £ sign (`£12.50`). */
function readReturnPence(text: string): number | undefined {
  if (text.includes('£')) return readPence(text);
  const digits = text.endsWith('p') ? text.slice(0, -1) : text;
  return /^[+-]?[0-9]+$/.test(digits) ? readPence(`${digits}p`) : undefined;
}
