import {
  type Dataset,
  type DatasetField,
  identifyingColumnMessage,
  identifyingName,
  monthOfStored,
  outOfOrder,
  quoteCell as quoted,
  readCell,
  readMonth,
  rowOrderProblem,
  rowOrders,
  SnapshotPeople,
  snapshotKeyField,
  type TimeZone,
} from '@parity/engine';
import type { BlockWriter } from './block-spool.js';
import { FastRowEncoder, fastColumn } from './fast-row.js';
import { type Cell, cellText } from './feed-cells.js';
import type { FeedErrors } from './feed-errors.js';
import { INVALID_JSON, jsonCell, jsonProblem } from './field-encoders.js';

/** No values are kept for a row when the dataset declares no order within it. */
const NO_VALUES: (string | undefined)[] = [];

/** The contract term, its first and last months `YYYY-MM` inclusive. */
export interface Term {
  start: string;
  end: string;
}

/**
 * Checks the rows of a record-level feed against its dataset and writes the valid ones to the block
 * writer while no error has been seen. Header columns must be exactly the dataset's fields, in any
 * order (rows are stored in the header's order, which each block's first line names); a snapshot
 * dataset (not dated by a field) may also have a `month` column, which must be the feed's period.
 * Rows dated by a field must be dated in the feed's period (its month).
 */
export class DatasetRows {
  private readonly fields: readonly DatasetField[];
  private readonly required: boolean[];
  private readonly datedBy: number;
  /** The fields in the order rows are stored: the header's, or the dataset's for JSON. */
  private order: number[] = [];
  /** For each field, its column in the header (or its place in a JSON row's cells). */
  private columnOf: number[] = [];
  private monthColumn = -1;
  private width = 0;
  private fast?: FastRowEncoder;
  private readonly reportedKeys = new Set<string>();
  /** A snapshot's key field (its person), whose values must not repeat; -1 for events. */
  private readonly keyField: number;
  /** The orders the dataset declares within a row (`not before`), by field position. */
  private readonly orders: { later: number; earlier: number }[];
  private readonly people = new SnapshotPeople();
  /** How the dataset's clock times without an offset are read. */
  private readonly zone: TimeZone;

  constructor(
    private readonly dataset: Dataset,
    private readonly term: Term,
    private readonly period: string,
    private readonly errors: FeedErrors,
    private readonly writer: BlockWriter,
    /** Columns the caller reads itself and this leaves alone (an extract's `provider`), lower case. */
    private readonly ignored: readonly string[] = [],
  ) {
    this.fields = dataset.fields;
    this.required = dataset.fields.map((f) => !f.optional);
    this.datedBy =
      dataset.datedBy === undefined ? -1 : dataset.fields.findIndex((f) => f.name === dataset.datedBy);
    this.zone = dataset.timeZone ?? 'UTC';
    this.orders = rowOrders(dataset.fields);
    const key = snapshotKeyField(dataset);
    this.keyField = key ? dataset.fields.indexOf(key) : -1;
  }

  /** Matches a header row to the fields; false (with errors recorded) when it does not match. */
  acceptHeader(header: readonly string[]): boolean {
    const names = header.map((h) => h.trim());
    const byName = new Map(this.fields.map((f, i) => [f.name, i]));
    const byLowerName = new Map(this.fields.map((f, i) => [f.name.toLowerCase(), i]));
    const columnOf = this.fields.map(() => -1);
    const fieldAt: number[] = [];
    const ignoredAt = new Set<number>();
    const before = this.errors.total;
    names.forEach((name, column) => {
      const pii = identifyingName(name);
      const field = byName.get(name) ?? byLowerName.get(name.toLowerCase());
      // Refused even when the dataset declares it: a contract stored before the rule, or one that
      // slipped past it, must not make a feed carry identifiable data.
      if (pii) {
        this.errors.add(0, name, identifyingColumnMessage(name, pii));
        // Present, though refused: not reported as missing too.
        if (field !== undefined) columnOf[field] = column;
      } else if (field === undefined && this.ignored.includes(name.toLowerCase())) ignoredAt.add(column);
      else if (name === '')
        this.errors.add(0, `column ${column + 1}`, 'The header has an empty column name.');
      else if (name.toLowerCase() === 'month' && field === undefined && this.datedBy < 0) {
        if (this.monthColumn >= 0) this.errors.add(0, name, "Column 'month' appears twice in the header.");
        this.monthColumn = column;
      } else if (field === undefined) this.errors.add(0, name, this.unknownMessage(name));
      else if (columnOf[field] !== -1)
        this.errors.add(0, name, `Column '${name}' appears twice in the header.`);
      else {
        columnOf[field] = column;
        fieldAt[column] = field;
      }
    });
    columnOf.forEach((column, field) => {
      const name = this.fields[field]?.name ?? '';
      if (column === -1)
        this.errors.add(
          0,
          name,
          `Column '${name}' is missing: the header must have every field of ${this.dataset.name}, even optional ones (leave their cells empty).`,
        );
    });
    if (this.errors.total !== before) return false;
    this.columnOf = columnOf;
    this.width = names.length;
    this.order = fieldAt.filter((field) => field !== undefined);
    this.writer.setColumns(this.order.map((field) => this.fields[field]?.name ?? ''));
    const plan = names.map((_, column) => {
      const field = fieldAt[column];
      if (ignoredAt.has(column)) return fastColumn('ignored', false);
      return field === undefined
        ? fastColumn('month', false)
        : fastColumn(this.fields[field] as DatasetField, field === this.datedBy);
    });
    // A snapshot's people are checked for repeats on the careful path (registers are small), and
    // clock times read on a clock other than UTC are converted there.
    const converts = this.zone !== 'UTC' && this.fields.some((f) => f.type === 'datetime');
    const orders = rowOrders(this.fields).map(({ later, earlier }) => ({
      later: columnOf[later] as number,
      earlier: columnOf[earlier] as number,
    }));
    this.fast = this.keyField < 0 && !converts ? new FastRowEncoder(plan, this.period, orders) : undefined;
    return true;
  }

  /** Checks a plain CSV line in place, on the fast path when it can. */
  readLine(text: string, start: number, end: number, row: number): void {
    const fast = this.fast;
    if (!fast) {
      this.readCells(text.slice(start, end).split(','), row);
      return;
    }
    const out = this.writer.reserve(2 * (end - start) + 4 * this.width + 2);
    const written = fast.encode(text, start, end, out, this.writer.offset);
    if (written < 0) this.readCells(text.slice(start, end).split(','), row);
    else if (!this.errors.any) this.writer.commit(written);
  }

  /** Checks one row of cells (in header order); 1-based data row number. */
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
    this.convert(cells, this.columnOf, this.monthColumn, row);
  }

  /** Checks one row given as a JSON object of column: value. Rows are stored in the dataset's field order. */
  readObject(value: unknown, row: number): void {
    if (this.order.length === 0) {
      this.order = this.fields.map((_, i) => i);
      this.writer.setColumns(this.fields.map((f) => f.name));
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      this.errors.add(row, '', `Row ${row} must be an object of column names to values.`);
      return;
    }
    const record = value as Record<string, unknown>;
    const cells: Cell[] = new Array(this.fields.length + 1);
    const positions = this.identity();
    let bad = false;
    for (const key in record) {
      const field = positions.byName.get(key);
      if (field === undefined) {
        if (this.ignored.includes(key)) continue;
        // Reported once for the feed; the row's other values are still checked.
        this.reportKeyOnce(key, row);
        continue;
      }
      const cell = jsonCell(record[key]);
      if (cell === INVALID_JSON) {
        bad = true;
        this.errors.add(row, key, `Row ${row}, column '${key}': ${jsonProblem(record[key])}.`);
      } else cells[field] = cell;
    }
    if (!bad) this.convert(cells, positions.columns, this.datedBy < 0 ? this.fields.length : -1, row);
  }

  private cachedIdentity?: { byName: Map<string, number>; columns: number[] };

  private identity() {
    this.cachedIdentity ??= {
      // A declared field with an identifying name is no field here: its key is refused.
      byName: new Map([
        ...this.fields
          .map((f, i): [string, number] => [f.name, i])
          .filter(([name]) => identifyingName(name) === undefined),
        ...(this.datedBy < 0 ? [['month', this.fields.length] as [string, number]] : []),
      ]),
      columns: this.fields.map((_, i) => i),
    };
    return this.cachedIdentity;
  }

  private reportKeyOnce(key: string, row: number): void {
    if (this.reportedKeys.has(key)) return;
    this.reportedKeys.add(key);
    const pii = identifyingName(key);
    this.errors.add(row, key, pii ? identifyingColumnMessage(key, pii) : this.unknownMessage(key));
  }

  private unknownMessage(name: string): string {
    const extra = this.datedBy < 0 ? ' (and optionally month)' : '';
    return `Column '${name}' is not a field of ${this.dataset.name}; its fields are ${this.fields.map((f) => f.name).join(', ')}${extra}.`;
  }

  /** The careful path: every cell read, converted and checked, with a message for each error. */
  private convert(
    cells: readonly Cell[],
    columnOf: readonly number[],
    monthColumn: number,
    row: number,
  ): void {
    let line = '[';
    let bad = false;
    const values: (string | undefined)[] = this.orders.length > 0 ? [] : NO_VALUES;
    for (const i of this.order) {
      const field = this.fields[i] as DatasetField;
      const text = cellText(cells[columnOf[i] as number], field.type);
      let json: string | undefined;
      if (text === '') {
        if (this.required[i]) {
          bad = true;
          this.errors.add(row, field.name, `Row ${row}, column '${field.name}': a value is required.`);
          continue;
        }
        json = 'null';
      } else {
        const reading = readCell(field, text, this.zone);
        if (!reading.ok) {
          bad = true;
          this.errors.add(row, field.name, `Row ${row}, column '${field.name}': ${reading.problem}.`);
          continue;
        }
        json = JSON.stringify(reading.value);
        if (values !== NO_VALUES) values[i] = String(reading.value);
        const repeated = i === this.keyField ? this.people.repeat(String(reading.value), row) : undefined;
        if (repeated) {
          bad = true;
          this.errors.add(row, field.name, `Row ${row}, column '${field.name}': ${repeated}.`);
        }
        if (i === this.datedBy && monthOfStored(json.slice(1, -1), this.zone) !== this.period) {
          bad = true;
          this.errors.add(row, field.name, this.outsidePeriod(row, field.name, json.slice(1, -1)));
        }
      }
      line += line.length === 1 ? json : `,${json}`;
    }
    for (const { later, earlier } of this.orders) {
      const [late, early] = [values[later], values[earlier]];
      if (late === undefined || early === undefined || !outOfOrder(late, early)) continue;
      bad = true;
      const field = this.fields[later] as DatasetField;
      const problem = rowOrderProblem(field, this.fields[earlier] as DatasetField);
      this.errors.add(row, field.name, `Row ${row}, column '${field.name}': ${problem}.`);
    }
    if (monthColumn >= 0) bad = this.checkMonth(cellText(cells[monthColumn], undefined), row) || bad;
    if (!bad && !this.errors.any) this.writer.add(`${line}]`);
  }

  /** A snapshot's month column, when given, must be the feed's period. True when it is wrong. */
  private checkMonth(text: string, row: number): boolean {
    if (text === '' || text === this.period) return false;
    const month = readMonth(text.length === 10 ? text.slice(0, 7) : text);
    const problem =
      month === undefined
        ? `must be a month written YYYY-MM, not ${quoted(text)}`
        : `is ${month}, but this feed is for ${this.period}: send each month's snapshot as its own feed`;
    this.errors.add(row, 'month', `Row ${row}, column 'month': ${problem}.`);
    return true;
  }

  /** The message for a row dated outside the feed's month: the month it belongs in, if in the term. */
  private outsidePeriod(row: number, column: string, when: string): string {
    const month = when.slice(0, 7);
    const where =
      month >= this.term.start && month <= this.term.end
        ? `is in ${month}, but this feed is for ${this.period}: every row must be dated in the feed's month, so send it in the feed for ${month}`
        : `is outside the contract term (${this.term.start} to ${this.term.end}); this feed is for ${this.period} and every row must be dated in it`;
    return `Row ${row}, column '${column}': ${when} ${where}.`;
  }
}
