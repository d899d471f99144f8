import {
  type DatasetField,
  identifyingValueAt,
  isDateAt,
  isPseudonymAt,
  MAX_PSEUDONYM_LENGTH,
  MAX_TEXT_LENGTH,
  monthIndexAt,
} from '@parity/engine';
import {
  copyPlain,
  copyQuoted,
  isCanonicalInteger,
  isOneOf,
  writeBoolean,
  writeDecimal,
  writeNull,
  writePence,
} from './fast-values.js';

/**
 * The fast path for a plain CSV line (no quotes): checks each cell and writes the row's JSON
 * straight into the block's bytes, character by character, with no string per cell. It accepts
 * only values already in canonical form (`2026-05-01`, `12.50`, `true`, `42`, ASCII text) and
 * gives up (returns -1, nothing kept) on anything else, an error included: the careful path then
 * reads the row again, so what is stored, and every error message, is the careful path's.
 */

const KIND = {
  pseudonym: 11,
  text: 0,
  code: 1,
  integer: 2,
  decimal: 3,
  money: 4,
  boolean: 5,
  date: 6,
  datetime: 7,
  month: 8,
  never: 9,
  ignored: 10,
} as const;

export interface FastColumn {
  kind: number;
  required: boolean;
  codes?: readonly string[];
  datedBy: boolean;
}

/**
 * The fast plan of a column: the field's type, `month` for a snapshot's month column, or `ignored`
 * for a column read by the caller (an extract's provider), which is neither checked nor stored.
 */
export function fastColumn(field: DatasetField | 'month' | 'ignored', datedBy: boolean): FastColumn {
  if (field === 'month') return { kind: KIND.month, required: false, datedBy: false };
  if (field === 'ignored') return { kind: KIND.ignored, required: false, datedBy: false };
  if (field.codes) {
    const plain = field.codes.every((code) => /^[\x20-\x7e]+$/.test(code) && !/["\\]/.test(code));
    return { kind: plain ? KIND.code : KIND.never, required: !field.optional, codes: field.codes, datedBy };
  }
  const kind = field.type === 'text' || field.type === 'code' ? KIND.text : KIND[field.type];
  return { kind, required: !field.optional, datedBy };
}

export class FastRowEncoder {
  private readonly periodIndex: number;

  /** `period` is the feed's month: a snapshot's month column and a dated-by field must be in it. */
  private readonly starts: number[];
  private readonly ends: number[];

  /**
   * `orders` are the row's declared orders by column (`later` not before `earlier`): compared as
   * text, a row out of order goes the careful way, which compares the values and refuses it.
   */
  constructor(
    private readonly columns: readonly FastColumn[],
    private readonly period: string,
    private readonly orders: readonly { later: number; earlier: number }[] = [],
  ) {
    this.periodIndex = monthIndexAt(period, 0);
    this.starts = columns.map(() => 0);
    this.ends = columns.map(() => 0);
  }

  /** Writes `text[start, end)` as a JSON array at `offset`; the offset after it, or -1. */
  encode(text: string, start: number, end: number, out: Uint8Array, offset: number): number {
    const columns = this.columns;
    let p = start;
    let o = offset;
    out[o++] = 91;
    let first = true;
    for (let c = 0; c < columns.length; c++) {
      let e = text.indexOf(',', p);
      if (e < 0 || e > end) e = end;
      if (c < columns.length - 1 ? e >= end : e !== end) return -1;
      const column = columns[c] as FastColumn;
      if (column.kind === KIND.month) {
        if (e !== p && !this.isPeriod(text, p, e)) return -1;
      } else if (column.kind !== KIND.ignored) {
        if (!first) out[o++] = 44;
        first = false;
        o = e === p ? (column.required ? -1 : writeNull(out, o)) : this.value(column, text, p, e, out, o);
        if (o < 0) return -1;
      }
      this.starts[c] = p;
      this.ends[c] = e;
      p = e + 1;
    }
    for (const { later, earlier } of this.orders) if (this.before(text, later, earlier)) return -1;
    out[o++] = 93;
    return o;
  }

  /** Whether the cell at column `later` sorts before the one at `earlier` (both present). */
  private before(text: string, later: number, earlier: number): boolean {
    const a = this.starts[later] as number;
    const aEnd = this.ends[later] as number;
    const b = this.starts[earlier] as number;
    const bEnd = this.ends[earlier] as number;
    if (a === aEnd || b === bEnd) return false;
    for (let i = 0; ; i++) {
      if (a + i === aEnd) return b + i !== bEnd;
      if (b + i === bEnd) return false;
      const difference = text.charCodeAt(a + i) - text.charCodeAt(b + i);
      if (difference !== 0) return difference < 0;
    }
  }

  private value(column: FastColumn, text: string, p: number, e: number, out: Uint8Array, o: number): number {
    switch (column.kind) {
      // Text that identifies a patient goes the careful way, which refuses it by name.
      case KIND.text:
        return e - p <= MAX_TEXT_LENGTH && identifyingValueAt(text, p, e) === undefined
          ? copyQuoted(text, p, e, out, o)
          : -1;
      case KIND.pseudonym:
        return e - p <= MAX_PSEUDONYM_LENGTH &&
          isPseudonymAt(text, p, e) &&
          identifyingValueAt(text, p, e) === undefined
          ? copyQuoted(text, p, e, out, o)
          : -1;
      case KIND.code:
        return isOneOf(text, p, e, column.codes as readonly string[]) &&
          identifyingValueAt(text, p, e) === undefined
          ? copyQuoted(text, p, e, out, o)
          : -1;
      // A minus sign, or more digits than the bounds allow, goes the careful way, which refuses it.
      // Ten characters or more may be an NHS or phone number: the careful way looks.
      case KIND.integer:
        return text.charCodeAt(p) !== 45 && e - p < 10 && isCanonicalInteger(text, p, e)
          ? copyPlain(text, p, e, out, o)
          : -1;
      case KIND.decimal:
        return e - p < 10 ? writeDecimal(text, p, e, out, o) : -1;
      case KIND.money:
        return e - p < 10 ? writePence(text, p, e, out, o) : -1;
      case KIND.boolean:
        return writeBoolean(text, p, e, out, o);
      case KIND.date:
      case KIND.datetime:
        if (!isDateAt(text, p, e, column.kind === KIND.datetime)) return -1;
        if (column.datedBy && monthIndexAt(text, p) !== this.periodIndex) return -1;
        return copyQuoted(text, p, e, out, o);
      default:
        return -1;
    }
  }

  private isPeriod(text: string, p: number, e: number): boolean {
    if (e - p !== 7) return false;
    for (let i = 0; i < 7; i++) if (text.charCodeAt(p + i) !== this.period.charCodeAt(i)) return false;
    return true;
  }
}
