import { z } from 'zod';

/**
 * One row of an aggregate return: for a provider (ODS code), a measure and a period, either a
 * numerator and denominator, or a single value. Periods are a month `2026-05`, a quarter
 * `2026/27 Q2` or a whole year `2026/27`. `submittedAt` (a date) orders resubmissions: for the same
 * provider, measure and period, the latest submission known at the as-of date is the one used.
 */
export const AggregateObservation = z
  .object({
    measure: z.string(),
    provider: z.string(),
    period: z
      .string()
      .regex(
        /^([0-9]{4}-[0-9]{2}|[0-9]{4}\/[0-9]{2}( Q[1-4])?)$/,
        'a period is 2026-05, 2026/27 Q2 or 2026/27',
      ),
    numerator: z
      .string()
      .regex(/^-?[0-9]+$/)
      .optional(),
    denominator: z
      .string()
      .regex(/^-?[0-9]+$/)
      .optional(),
    /** A reported number (decimal text), e.g. staffed hours per week or a registered population. */
    value: z
      .string()
      .regex(/^-?[0-9]+(\.[0-9]+)?$/)
      .optional(),
    /** A reported amount of money in pence, e.g. spend for an outturn. */
    pence: z
      .string()
      .regex(/^-?[0-9]+$/)
      .optional(),
    /** The evidence reference an attestation gives (a board paper, a rota), where the measure requires one. */
    evidence: z.string().min(1).max(200).optional(),
    submittedAt: z.string().optional(),
  })
  .refine(
    (o) => (o.numerator === undefined) === (o.denominator === undefined),
    'give both numerator and denominator, or neither',
  )
  .refine(
    (o) => o.numerator !== undefined || o.value !== undefined || o.pence !== undefined,
    'give numerator and denominator, a value or pence',
  );
export type AggregateObservation = z.infer<typeof AggregateObservation>;

/** A field value in a record: text for codes, dates (`YYYY-MM-DD`) and date-times, numbers, yes/no, or missing. */
export type FieldValue = string | number | bigint | boolean | null | undefined;

/**
 * One pseudonymised record of a dataset. `provider` is the submitting provider's ODS code and
 * `month` the month the record was submitted for (a snapshot month); datasets `dated by` a field
 * are placed in the month of that field instead. Money fields are integer pence.
 */
export interface RecordRow {
  provider: string;
  month?: string;
  [field: string]: FieldValue;
}

/** Rows of one dataset, from memory or streamed. */
export type RecordSource = Iterable<RecordRow> | AsyncIterable<RecordRow>;

/** What a contract is evaluated against. Nothing else is read: no files, no clock. */
export interface Observations {
  aggregates?: AggregateObservation[];
  records?: Record<string, RecordSource>;
}
