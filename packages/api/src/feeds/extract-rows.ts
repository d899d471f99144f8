import {
  type ContractModel,
  type DatasetField,
  monthIndexAt,
  monthOfStored,
  readCell,
  readMonth,
  type TimeZone,
} from '@parity/engine';
import { BlockBuffers, BlockWriter, SpoolMemory } from './block-spool.js';
import { DatasetRows } from './dataset-rows.js';
import { type ExtractPart, ExtractParts } from './extract-parts.js';
import { type Cell, cellText } from './feed-cells.js';
import type { FeedErrors } from './feed-errors.js';
import type { FeedTarget } from './feed-target.js';
import type { RowReader } from './ingest.js';
import { ReturnRows } from './return-rows.js';

export type { ExtractPart } from './extract-parts.js';

/** What decides whether an extract may hold rows for a provider and a month. */
export interface ExtractRules {
  /** Why the caller may not send rows for this provider (one not party to the contract included). */
  refusal(provider: string): string | undefined;
  /** Why no rows may be sent for this month today (outside the term, not begun), or undefined. */
  periodProblem(month: string): string | undefined;
}

/**
 * Splits an extract (one file, many providers and months) into parts, one per provider and month,
 * each read by a `DatasetRows` or `ReturnRows` of its own exactly as a feed for that provider and
 * month would be: the cell rules, the period rules, the snapshot's person once, all the feed's. A
 * row's provider is its `provider` column; its month is its `dated by` field for a dated dataset,
 * its `period` (or `month`) column for an undated one, and for a return its `month` column or else
 * its `period`, when that is a month. Rows are numbered as in the file, so errors name them there.
 */
export class ExtractRows implements RowReader {
  private readonly parts: ExtractParts;
  private readonly refusals = new Map<string, string | undefined>();
  private readonly periodProblems = new Map<string, string | undefined>();
  /** The memory every part's compressed blocks share before going to temporary files. */
  private readonly memory = new SpoolMemory();
  private readonly buffers = new BlockBuffers();
  /** Reads the header and the rows no part can take (malformed, unreadable month), for their errors. */
  private readonly prototype: ExtractPart['reader'];
  private readonly datedBy?: { name: string; field: DatasetField };
  /** The dataset's clock: a row's month is its dated-by field's month on it, as a feed's is. */
  private readonly zone: TimeZone;
  /** Whether a dated-by cell written plainly (no offset) is in its text's month: true on UTC, or for a date. */
  private readonly textMonth: boolean;
  private header?: string[];
  private width = 0;
  private providerColumn = -1;
  private monthColumn = -1;
  /** The month column's name as the header writes it, for errors. */
  private monthName = '';

  constructor(
    private readonly target: FeedTarget,
    private readonly model: ContractModel,
    private readonly errors: FeedErrors,
    private readonly rules: ExtractRules,
  ) {
    this.parts = new ExtractParts(model.contract.term.start);
    const dataset = target.kind === 'dataset' ? target.dataset : undefined;
    const field = dataset?.fields.find((f) => f.name === dataset.datedBy);
    if (field) this.datedBy = { name: field.name, field };
    this.zone = dataset?.timeZone ?? 'UTC';
    this.textMonth = this.zone === 'UTC' || field?.type !== 'datetime';
    this.monthName = field?.name ?? 'period';
    this.prototype = this.reader(model.contract.term.start);
  }

  acceptHeader(header: readonly string[]): boolean {
    const names = header.map((h) => h.trim().toLowerCase());
    const before = this.errors.total;
    this.providerColumn = this.columnOf(names, ['provider'], 'provider');
    if (this.datedBy) this.monthColumn = names.indexOf(this.datedBy.name.toLowerCase());
    else if (this.target.kind === 'dataset')
      this.monthColumn = this.columnOf(names, ['period', 'month'], 'period');
    else this.monthColumn = names.includes('month') ? names.indexOf('month') : names.indexOf('period');
    this.monthName = header[this.monthColumn]?.trim() ?? this.monthName;
    if (this.providerColumn < 0)
      this.errors.add(
        0,
        'provider',
        "Column 'provider' is missing: an extract names each row's provider (its ODS code) in a provider column.",
      );
    // An undated dataset's parts take the month as a feed's `month` column, checked against their month.
    this.header = header.map((h, i) =>
      i === this.monthColumn && !this.datedBy && this.target.kind === 'dataset' ? 'month' : h,
    );
    this.width = header.length;
    const accepted = this.prototype.acceptHeader(this.header);
    return accepted && this.errors.total === before;
  }

  readLine(text: string, start: number, end: number, row: number): void {
    if (this.target.kind === 'dataset') {
      const part = this.fastPart(text, start, end);
      if (part) {
        part.reader.readLine(text, start, end, row);
        return;
      }
    }
    this.readCells(text.slice(start, end).split(','), row);
  }

  readCells(cells: readonly Cell[], row: number, malformed?: string): void {
    if (malformed || cells.length !== this.width) {
      this.prototype.readCells(cells, row, malformed);
      return;
    }
    const monthCell = cells[this.monthColumn];
    const month = this.monthOf(
      monthCell instanceof Date && !this.datedBy
        ? monthCell.toISOString().slice(0, 7)
        : cellText(monthCell, this.datedBy?.field.type),
    );
    if (month === undefined && this.datedBy) {
      this.prototype.readCells(cells, row);
      return;
    }
    const part = this.partFor(cellText(cells[this.providerColumn], undefined), month, row);
    part?.reader.readCells(cells, row);
  }

  readObject(value: unknown, row: number): void {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      this.prototype.readObject(value, row);
      return;
    }
    const record = value as Record<string, unknown>;
    const monthKey =
      this.datedBy?.name ?? (this.target.kind === 'return' && 'month' in record ? 'month' : 'period');
    const raw =
      record[monthKey] ?? (this.target.kind === 'dataset' && !this.datedBy ? record.month : undefined);
    const text = typeof raw === 'string' ? raw.trim() : '';
    this.monthName = monthKey;
    const month = this.monthOf(text);
    if (month === undefined && this.datedBy) {
      this.prototype.readObject(record, row);
      return;
    }
    const provider = typeof record.provider === 'string' ? record.provider.trim() : '';
    const part = this.partFor(provider, month, row);
    if (!part) return;
    if (this.target.kind === 'dataset' && !this.datedBy && 'period' in record) {
      const { period, ...rest } = record;
      part.reader.readObject({ ...rest, month: period }, row);
    } else part.reader.readObject(record, row);
  }

  /** Waits while any part's compressions catch up. */
  async settle(): Promise<void> {
    for (const part of this.parts.values()) await part.writer?.settle();
  }

  /** The parts, by provider then month. */
  all(): ExtractPart[] {
    return this.parts.all();
  }

  /** Drops every part's blocks: nothing of a refused extract is kept. */
  async discard(): Promise<void> {
    for (const part of this.parts.values()) await part.writer?.discard();
  }

  /** The month a row's month cell gives, or undefined when it gives none. */
  private monthOf(text: string): string | undefined {
    if (!this.datedBy) return readMonth(text);
    const reading = readCell(this.datedBy.field, text, this.zone);
    return reading.ok ? readMonth(monthOfStored(String(reading.value), this.zone)) : undefined;
  }

  /** The part of a plain CSV line whose provider and month are already known, found in place. */
  private fastPart(text: string, start: number, end: number): ExtractPart | undefined {
    let p = start;
    let providerStart = -1;
    let providerEnd = -1;
    let monthStart = -1;
    const last = Math.max(this.providerColumn, this.monthColumn);
    for (let c = 0; c <= last; c++) {
      let e = text.indexOf(',', p);
      if (e < 0 || e > end) e = end;
      if (c === this.providerColumn) {
        providerStart = p;
        providerEnd = e;
      }
      // A month column, or a date or date-time without an offset, is in its text's month.
      if (c === this.monthColumn)
        monthStart = e - p === 7 || e - p === 10 || e - p === 16 || e - p === 19 ? p : -1;
      if (e === end) break;
      p = e + 1;
    }
    if (providerStart < 0 || monthStart < 0 || providerEnd === providerStart || !this.textMonth)
      return undefined;
    return this.parts.find(text, providerStart, providerEnd, monthIndexAt(text, monthStart));
  }

  /** The part for a provider and month, made the first time; undefined, with the error recorded, when there is none. */
  private partFor(provider: string, month: string | undefined, row: number): ExtractPart | undefined {
    if (provider === '') {
      this.errors.add(
        row,
        'provider',
        `Row ${row}, column 'provider': a provider (its ODS code) is required.`,
      );
      return undefined;
    }
    if (month === undefined) {
      const cell = this.monthName;
      const problem =
        this.target.kind === 'return'
          ? "a month is required: an extract puts each row in a month, so give a quarter's or a year's figure a 'month' column naming the month it is returned in"
          : 'must be a month written YYYY-MM';
      this.errors.add(row, cell, `Row ${row}, column '${cell}': ${problem}.`);
      return undefined;
    }
    const known = this.parts.get(provider, month);
    if (known) return known;
    if (!this.refusals.has(provider)) this.refusals.set(provider, this.rules.refusal(provider));
    const refusal = this.refusals.get(provider);
    if (refusal !== undefined) {
      this.errors.refuse(row, 'provider', `Row ${row}, column 'provider': ${refusal}`);
      return undefined;
    }
    if (!this.periodProblems.has(month)) this.periodProblems.set(month, this.rules.periodProblem(month));
    const problem = this.periodProblems.get(month);
    if (problem !== undefined) {
      const text = `${problem.charAt(0).toLowerCase()}${problem.slice(1)}`;
      this.errors.add(row, this.monthName, `Row ${row}, column '${this.monthName}': ${text}`);
      return undefined;
    }
    return this.newPart(provider, month);
  }

  private newPart(provider: string, period: string): ExtractPart {
    const writer =
      this.target.kind === 'dataset'
        ? new BlockWriter(undefined, { hashed: true, memory: this.memory, buffers: this.buffers })
        : undefined;
    const reader = this.reader(period, writer);
    if (this.header) reader.acceptHeader(this.header);
    const part: ExtractPart = { provider, period, reader, ...(writer ? { writer } : {}) };
    this.parts.add(part);
    return part;
  }

  private reader(period: string, writer = new BlockWriter()): ExtractPart['reader'] {
    const term = this.model.contract.term;
    return this.target.kind === 'dataset'
      ? new DatasetRows(this.target.dataset, term, period, this.errors, writer, ['provider'])
      : new ReturnRows(this.model, this.target.source, period, this.errors, ['provider', 'month']);
  }

  /** The column of the first of `names` in the header; an error when one appears twice. */
  private columnOf(names: readonly string[], wanted: readonly string[], label: string): number {
    const found = names.flatMap((name, column) => (wanted.includes(name) ? [column] : []));
    if (found.length > 1) this.errors.add(0, label, `Column '${label}' appears twice in the header.`);
    if (found.length === 0 && label === 'period')
      this.errors.add(
        0,
        'period',
        "Column 'period' is missing: an extract of a dataset not dated by a field names each row's month (YYYY-MM) in a period column.",
      );
    return found[0] ?? -1;
  }
}
