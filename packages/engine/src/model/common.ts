import { z } from 'zod';

/** Where a clause is written: 1-based line and column, as an editor shows them. */
export const SourceLocation = z.object({
  file: z.string(),
  line: z.number().int().positive(),
  column: z.number().int().positive(),
  endLine: z.number().int().positive(),
  endColumn: z.number().int().positive(),
});
export type SourceLocation = z.infer<typeof SourceLocation>;

/** Integer pence as a decimal string, so no amount ever passes through a float: `"1562500"`. */
export const Pence = z.string().regex(/^-?[0-9]+$/, 'pence must be an integer written as digits');
/** A number of percent as exact decimal text: `"1.25"` means 1.25%. */
export const Percent = z.string().regex(/^[0-9]+(\.[0-9]+)?$/, 'a percentage is written as decimal digits');
/** An exact decimal number as text. */
export const DecimalText = z.string().regex(/^-?[0-9]+(\.[0-9]+)?$/, 'a number is written as decimal digits');

/** NHS financial year, `2026/27` (1 April 2026 – 31 March 2027). */
export const FinancialYear = z.string().regex(/^[0-9]{4}\/[0-9]{2}$/);
export const Month = z.string().regex(/^[0-9]{4}-(0[1-9]|1[0-2])$/);
export const Quarter = z.enum(['Q1', 'Q2', 'Q3', 'Q4']);
export type Quarter = z.infer<typeof Quarter>;

/**
 * Durations are kept in one of two exact units: minutes (minutes, hours, days, weeks) or calendar
 * months (months, years), because a month has no fixed number of minutes.
 */
export const Duration = z.object({
  unit: z.enum(['minutes', 'months']),
  amount: DecimalText,
});
export type Duration = z.infer<typeof Duration>;

export const HealthDomain = z.enum(['physical-health', 'mental-health', 'social-care']);
export type HealthDomain = z.infer<typeof HealthDomain>;

export const Sector = z.enum([
  'commissioner',
  'acute',
  'mental-health',
  'community',
  'primary-care',
  'voluntary',
  'independent',
  'local-authority',
  'care-home',
]);
export type Sector = z.infer<typeof Sector>;

/** An amount given as money, or as a percentage of the contract value, actual value or budget. */
export const Amount = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('money'), pence: Pence }),
  z.object({
    kind: z.literal('percent'),
    percent: Percent,
    base: z.enum(['value', 'actual-value', 'budget', 'scheme']),
  }),
]);
export type Amount = z.infer<typeof Amount>;

/** A threshold a measure's result is compared with. */
export const Threshold = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('percent'), percent: Percent }),
  z.object({ kind: z.literal('number'), value: DecimalText }),
  z.object({ kind: z.literal('duration'), duration: Duration }),
  z.object({ kind: z.literal('money'), pence: Pence }),
]);
export type Threshold = z.infer<typeof Threshold>;

/**
 * A target that is an improvement on a baseline: the figure must be at least the target below (or
 * above) the baseline, which is the measure's figure for a baseline year or a declared value. A
 * percentage target is relative to the baseline (60% below: at most 40% of it); any other target
 * is absolute (8 days below: at most the baseline less 8).
 */
export const BaselineTarget = z.object({
  direction: z.enum(['below', 'above']),
  from: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('year'), year: FinancialYear }),
    z.object({ kind: z.literal('value'), value: Threshold }),
  ]),
});
export type BaselineTarget = z.infer<typeof BaselineTarget>;

/** A period named in a test or position: a whole year, a quarter of it, or a month. */
export const PeriodRef = z.object({
  year: FinancialYear.optional(),
  quarter: Quarter.optional(),
  month: Month.optional(),
});
export type PeriodRef = z.infer<typeof PeriodRef>;
