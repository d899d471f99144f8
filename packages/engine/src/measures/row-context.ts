import type { FieldValue } from './observations.js';

/**
 * One row as compiled predicates see it: each field read from the row once, by slot, and decoded
 * once, so that ten measures reading the same date parse it once. A context is reused for every
 * row of a run; slots are the dataset's fields in order, then `provider` and `month`.
 */
export interface RowContext {
  /** Per slot: the value as given (undefined when absent), for the exact path, strata and hashing. */
  raw: FieldValue[];
  /** 1-based position of the row in its source, for error messages. */
  rowNumber: number;
  /**
   * Per field slot: quantities as units at the field's places, dates as day numbers, date-times as
   * minute numbers, booleans as 1 or 0, a listed code as its position in the list, other text
   * as 0. NaN when the value is missing.
   */
  numbers: Float64Array;
  /** Per field slot: text, code and pseudonym values; undefined when missing. */
  texts: (string | undefined)[];
  /** Per field slot: 1 when the value is too large or too precise for the fast path. */
  exactOnly: Uint8Array;
  /** Set by a quantity read whose fast value is not exact; the reader that consumes it recomputes. */
  inexact: boolean;
  /** The row's month as `year * 12 + month - 1`. */
  monthIndex: number;
  /** Changes with every row, so per-row results (a measure's populations) can be cached. */
  stamp: number;
}

export function createRowContext(fieldCount: number): RowContext {
  return {
    raw: new Array<FieldValue>(fieldCount + 2).fill(undefined),
    rowNumber: 0,
    numbers: new Float64Array(fieldCount),
    texts: new Array<string | undefined>(fieldCount).fill(undefined),
    exactOnly: new Uint8Array(fieldCount),
    inexact: false,
    monthIndex: 0,
    stamp: 0,
  };
}
