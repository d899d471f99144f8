import type { Rational } from '../core/rational.js';

/**
 * What record-level evaluation accumulates for one measure, provider and month (and stratum): the
 * counts a proportion or rate needs, the sums a continuous measure needs, and enough about the rows
 * to explain the figure. Accumulators are per group, never per row, except the values a median
 * needs and the per-person months a paired measure needs.
 */
export interface RecordTally {
  /** Rows of the dataset read for this group. */
  rows: number;
  /** sha256 (hex) over the canonical text of the rows read, in order: identifies the data behind a figure. */
  rowsHash: string;
  /** Cases in the denominator population before exclusions. */
  population: number;
  excluded: number;
  excepted: number;
  /** Cases in the denominator after exclusions and exceptions. */
  denominator: number;
  /** Denominator cases that meet the numerator, before numerator exclusions. */
  numeratorBeforeExclusions: number;
  numeratorExcluded: number;
  /** Denominator cases that meet the numerator, after numerator exclusions. */
  numerator: number;
  /** Continuous measures: sum and count of the values (or of value − baseline, for change). */
  sum: Rational;
  count: number;
  /** Median measures only: every value, unsorted. */
  values: Rational[];
  /** Paired measures only: for each person in the denominator, the months the field was recorded. */
  personMonths: Map<string, Set<string>>;
}

/** Tallies by measure name → provider ODS code → month (`YYYY-MM`) → stratum ('' when not stratified). */
export type RecordTallies = Map<string, Map<string, Map<string, Map<string, RecordTally>>>>;
