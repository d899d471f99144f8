import { z } from 'zod';
import { DecimalText, Pence, PeriodRef, SourceLocation } from './common.js';
import { Literal } from './expression.js';

export const Observation = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('count'), numerator: DecimalText, denominator: DecimalText }),
  /** A reported value, with the evidence reference an attestation gives. */
  z.object({ kind: z.literal('value'), value: Literal, evidence: z.string().optional() }),
  z.object({ kind: z.literal('rows'), rows: z.array(z.record(z.string(), Literal)) }),
  /** Rows of a CSV file, its path relative to the contract's file, read by whoever runs the tests. */
  z.object({ kind: z.literal('file'), path: z.string().min(1) }),
]);
export type Observation = z.infer<typeof Observation>;

export const Outcome = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('earns'), pence: Pence }),
  z.object({
    kind: z.literal('share'),
    side: z.enum(['providers', 'commissioner']),
    direction: z.enum(['receive', 'bear']),
    pence: Pence,
  }),
  z.object({ kind: z.literal('attains'), value: DecimalText }),
  z.object({ kind: z.literal('scores'), value: DecimalText, percent: z.boolean() }),
  z.object({
    kind: z.literal('status'),
    status: z.enum(['met', 'not-met', 'insufficient-data', 'not-yet-due']),
  }),
  /** A pilot's decision at its review: continues, ends, or still pending. */
  z.object({ kind: z.literal('continuation'), decision: z.enum(['continues', 'ends', 'pending']) }),
  /** What a cost a provider carries leaves unpaid in the period (its unfunded gap). */
  z.object({ kind: z.literal('unfunded'), pence: Pence }),
  /** What a scheme pays on account in the period. */
  z.object({ kind: z.literal('on-account'), pence: Pence }),
  /** What reconciliation pays the provider (negative: what the provider repays). */
  z.object({ kind: z.literal('reconciliation'), pence: Pence }),
  /** What of a prime's indicator flows down to its sub-contracts in the period, and what it keeps. */
  z.object({ kind: z.literal('flows-down'), pence: Pence }),
  z.object({ kind: z.literal('kept'), pence: Pence }),
]);
export type Outcome = z.infer<typeof Outcome>;

export const TargetKind = z.enum([
  'measure',
  'dataset',
  'indicator',
  'scheme',
  'risk-share',
  'activity',
  'capitation',
  'year-of-care',
  'contract',
  'cost',
]);

export const TestStep = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('given'),
    target: z.object({ kind: TargetKind, name: z.string() }),
    provider: z.string().optional(),
    period: PeriodRef.optional(),
    observation: Observation,
    location: SourceLocation,
  }),
  z.object({
    kind: z.literal('expect'),
    target: z.object({ kind: TargetKind, name: z.string() }),
    provider: z.string().optional(),
    period: PeriodRef.optional(),
    outcome: Outcome,
    location: SourceLocation,
  }),
]);
export type TestStep = z.infer<typeof TestStep>;

/** An in-language test: observations given, money and results expected. */
export const ContractTest = z.object({
  title: z.string(),
  steps: z.array(TestStep),
  location: SourceLocation,
});
export type ContractTest = z.infer<typeof ContractTest>;
