import type { Rational } from '../core/rational.js';
import type { Trace } from '../run/trace.js';

/**
 * What a measure shows for one provider and period. Insufficient data, no data and not yet due
 * are results in their own right, never a silent zero.
 */
export type MeasureStatus = 'scored' | 'insufficient-data' | 'no-data' | 'not-yet-due';

export interface MeasureResult {
  measure: string;
  provider: string;
  period: string;
  /** The group a stratified measure's figure is for (its stratifying field's value); absent for the whole. */
  stratum?: string;
  status: MeasureStatus;
  /** The score: a fraction for proportions, coverage and paired measures; a number otherwise. */
  value?: Rational;
  numerator?: bigint;
  denominator?: bigint;
  /** Reported money (spend), in pence, for money-valued measures. */
  pence?: bigint;
  /** True while the period is still running at the as-of date. */
  provisional: boolean;
  /** Months of the period that reported amounts cover, when added up from monthly or quarterly returns. */
  monthsReported?: number;
  /** Those months, when known. */
  reportedMonths?: string[];
  trace: Trace;
}
