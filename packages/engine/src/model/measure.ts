import { z } from 'zod';
import { DecimalText, Duration, HealthDomain, SourceLocation } from './common.js';
import { Expression } from './expression.js';

export const FieldType = z.enum([
  'pseudonym',
  'text',
  'code',
  'integer',
  'decimal',
  'boolean',
  'date',
  'datetime',
  'money',
]);
export type FieldType = z.infer<typeof FieldType>;

export const DatasetField = z.object({
  name: z.string(),
  type: FieldType,
  optional: z.boolean(),
  codes: z.array(z.string()).optional(),
  /** Another date or date-time field of the row that this one may not come before. */
  notBefore: z.string().optional(),
  title: z.string().optional(),
});
export type DatasetField = z.infer<typeof DatasetField>;

/**
 * What a row of a dataset or return means over time, declared by the contract (never guessed):
 * - `events`: each row is something that happened in its period; periods add up;
 * - `snapshots`: each feed is the state at the end of its period; a longer period takes its latest;
 * - `cumulative`: year-to-date figures; the latest stands, a month's own figure is the difference;
 * - `levels`: a level (a population, staffed hours) read as the latest, the average of months, or
 *   the sum of weeks (a return giving each week's figures, the month their sum).
 */
export const OverTime = z.object({
  meaning: z.enum(['events', 'snapshots', 'cumulative', 'levels']),
  reading: z.enum(['latest', 'average-of-months', 'sum-of-weeks']).optional(),
});
export type OverTime = z.infer<typeof OverTime>;

/**
 * Who sends a dataset's or return's feeds, declared by the contract: each provider its own (the
 * default, when absent), the commissioner for any provider of the contract (an ICB's ledger), or a
 * named data service for every provider (a GP-sourced register). The service grants the right to
 * submit from it.
 */
export const SubmittedBy = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('provider') }),
  z.object({ kind: z.literal('commissioner') }),
  z.object({ kind: z.literal('data-service'), organisation: z.string(), ods: z.string() }),
]);
export type SubmittedBy = z.infer<typeof SubmittedBy>;

/** Who submits, in words: for refusals and hovers. */
export function describeSubmittedBy(submittedBy: SubmittedBy | undefined): string {
  switch (submittedBy?.kind) {
    case 'commissioner':
      return 'the commissioner, for each provider of the contract';
    case 'data-service':
      return `the data service ${submittedBy.organisation} (${submittedBy.ods}), for each provider of the contract`;
    default:
      return 'each provider, for itself';
  }
}

/** A record-level dataset: pseudonymised rows with typed fields. */
export const Dataset = z.object({
  name: z.string(),
  title: z.string(),
  grain: z.string().optional(),
  source: z.string().optional(),
  datedBy: z.string().optional(),
  overTime: OverTime,
  submittedBy: SubmittedBy.optional(),
  /** How a date-time without an offset is read: UTC when absent, or the clock in England. */
  timeZone: z.enum(['UTC', 'Europe/London']).optional(),
  fields: z.array(DatasetField),
  location: SourceLocation,
});
export type Dataset = z.infer<typeof Dataset>;

/** An aggregate return: per provider, measure and month, a numerator and denominator or a value. */
export const AggregateReturn = z.object({
  name: z.string(),
  title: z.string(),
  source: z.string().optional(),
  overTime: OverTime,
  submittedBy: SubmittedBy.optional(),
  location: SourceLocation,
});
export type AggregateReturn = z.infer<typeof AggregateReturn>;

export const Scoring = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('proportion') }),
  z.object({ kind: z.literal('rate'), per: DecimalText }),
  z.object({ kind: z.enum(['mean', 'median', 'total']), value: Expression }),
  z.object({ kind: z.literal('change'), value: Expression, baseline: Expression }),
  z.object({ kind: z.literal('coverage'), window: Duration }),
  z.object({ kind: z.literal('attestation'), evidenceRequired: z.boolean() }),
  /**
   * Parity: against another measure (`comparator`), or between the groups of this stratified
   * measure (`between`): its best and worst strata, or one stratum and the rest.
   */
  z.object({
    kind: z.literal('parity'),
    comparator: z.string().optional(),
    between: z
      .discriminatedUnion('kind', [
        z.object({ kind: z.literal('best-and-worst') }),
        z.object({ kind: z.literal('group-and-rest'), group: z.string() }),
      ])
      .optional(),
    form: z.enum(['ratio', 'gap']),
  }),
  z.object({ kind: z.literal('paired'), field: z.string(), times: z.number().int().positive() }),
  z.object({ kind: z.literal('count') }),
  /** A value an aggregate return reports as it is: spend, a registered population, staffed hours. */
  z.object({ kind: z.literal('reported-value') }),
]);
export type Scoring = z.infer<typeof Scoring>;

export const PeriodBasis = z.discriminatedUnion('kind', [
  z.object({ kind: z.enum(['month', 'quarter', 'year-to-date']) }),
  z.object({ kind: z.literal('rolling'), months: z.number().int().positive() }),
]);
export type PeriodBasis = z.infer<typeof PeriodBasis>;

/** How a measure is scored, from which data, over which population. */
export const Measure = z.object({
  name: z.string(),
  title: z.string(),
  description: z.string().optional(),
  domain: HealthDomain.optional(),
  from: z.object({ kind: z.enum(['dataset', 'return']), name: z.string() }).optional(),
  dataSource: z.string().optional(),
  scoring: Scoring,
  denominator: Expression.optional(),
  numerator: Expression.optional(),
  exclusions: z.array(Expression),
  exceptions: z.array(Expression),
  numeratorExclusions: z.array(Expression),
  minimumDenominator: z.number().int().nonnegative().optional(),
  direction: z.enum(['higher', 'lower']).optional(),
  period: PeriodBasis.optional(),
  stratifiedBy: z.string().optional(),
  /** The least denominator a stratum needs to be scored; the measure's minimum when absent. */
  stratumMinimumDenominator: z.number().int().nonnegative().optional(),
  location: SourceLocation,
});
export type Measure = z.infer<typeof Measure>;

/** What a dataset's or return's rows mean over time, in a sentence, for hovers and explanations. */
export function describeOverTime(overTime: OverTime): string {
  switch (overTime.meaning) {
    case 'events':
      return 'Rows are events: each is something that happened in its period, so periods add up.';
    case 'snapshots':
      return 'Rows are snapshots: each feed is the state at the end of its period, so a quarter or year takes its latest snapshot, never a sum; a person appears once in a snapshot.';
    case 'cumulative':
      return 'Rows are cumulative (year to date): the latest figure stands for the year so far.';
    case 'levels':
      if (overTime.reading === 'sum-of-weeks')
        return 'Rows are levels given week by week (the date each week begins): a month is the sum of its weeks, and months add up.';
      return overTime.reading === 'average-of-months'
        ? 'Rows are levels, read as the average of the months of a period.'
        : "Rows are levels, read as the latest month's.";
  }
}
