import { z } from 'zod';
import { Pence, SourceLocation } from '../model/common.js';

/**
 * The shapes of a position and a finance statement as JSON: what the service returns, what the
 * OpenAPI document describes and what every client (the playground, the web pages) reads. Money is
 * pence as digit strings and pounds as exact decimal text, never a float.
 */

/** The explanation of a figure: clause, inputs, the formula with numbers substituted, rounding. */
export const TraceJson = z.object({
  clause: z.string(),
  location: SourceLocation.optional(),
  inputs: z.record(z.string(), z.string()),
  formula: z.string(),
  rounding: z.string().optional(),
  text: z.string(),
});

export const MeasureView = z.enum(['month', 'quarter', 'year-to-date', 'rolling-12-months', 'year']);
export type MeasureView = z.infer<typeof MeasureView>;

/** A measure's figures for one provider and period. */
export const MeasureFigure = z.object({
  measure: z.string(),
  title: z.string(),
  provider: z.string(),
  period: z.string(),
  view: MeasureView,
  status: z.enum(['scored', 'insufficient-data', 'no-data', 'not-yet-due']),
  value: z.string().optional(),
  numerator: z.string().optional(),
  denominator: z.string().optional(),
  provisional: z.boolean(),
  explanation: z.string(),
});
export type MeasureFigure = z.infer<typeof MeasureFigure>;

/**
 * One group's figures of a stratified measure (`stratified by ethnicity`) for one provider and
 * period; below the stratum minimum denominator it is insufficient data, with no value.
 */
export const StratumFigure = MeasureFigure.extend({
  /** The field whose value names the group. */
  stratifiedBy: z.string(),
  /** The group: the field's value, or `unknown` where it was not recorded. */
  stratum: z.string(),
});
export type StratumFigure = z.infer<typeof StratumFigure>;

/** A target on a baseline: the baseline figure, the level required and the comparison in words. */
export const BaselineFigure = z.object({
  status: z.enum(['compared', 'no-baseline']),
  baseline: z.string().optional(),
  required: z.string().optional(),
  explanation: z.string(),
});
export type BaselineFigure = z.infer<typeof BaselineFigure>;

/** For one threshold, the numerator still to reach by year end. */
export const ThresholdNeed = z.object({
  threshold: z.string(),
  neededNumerator: z.string(),
  remainingMonths: z.number().int().nonnegative(),
});
export type ThresholdNeed = z.infer<typeof ThresholdNeed>;

/** An indicator's year to date, its year-end forecast at the run rate and what is needed. */
export const IndicatorFigure = z.object({
  scheme: z.string(),
  indicator: z.string(),
  provider: z.string(),
  monthsWithData: z.number().int().nonnegative(),
  yearToDate: z.object({ numerator: z.string(), denominator: z.string(), score: z.string() }).optional(),
  forecast: z
    .object({ denominator: z.string(), score: z.string(), attainment: z.string(), pence: Pence })
    .optional(),
  needs: z.array(ThresholdNeed),
  text: z.string(),
});
export type IndicatorFigure = z.infer<typeof IndicatorFigure>;

export const LineKind = z.enum([
  'cquin',
  'withhold',
  'flow-down',
  'block',
  'activity',
  'capitation',
  'year-of-care',
  'risk-share',
  'on-account',
  'reconciliation',
  'flows-down',
  'kept',
  'cost-carried',
  'cost-funded',
  'cost-unfunded',
]);

/** A payment line: pence as digits and pounds as exact text, with its explanation. */
export const PaymentLineJson = z.object({
  /** The published version that priced the line: the one in force on the day its period starts. */
  version: z.number().int().nonnegative(),
  kind: LineKind,
  clause: z.string(),
  scheme: z.string().optional(),
  provider: z.string(),
  period: z.string(),
  pence: Pence,
  pounds: z.string(),
  status: z.enum(['earned', 'partly-earned', 'not-earned', 'insufficient-data', 'no-data', 'not-yet-due']),
  attainment: z.string().optional(),
  provisional: z.boolean(),
  explanation: z.string(),
  /** The structured explanation, in statements, for finance to re-check by hand. */
  trace: TraceJson.optional(),
  /** Each commissioner's share of the line (ODS code to pence), when several fund the contract. */
  commissioners: z.record(z.string(), Pence).optional(),
});
export type PaymentLineJson = z.infer<typeof PaymentLineJson>;

/**
 * A monitored measure for one provider, for the year: against its target when it has one (`met`),
 * otherwise monitored only (no `target`, no `met`).
 */
export const MonitorFigure = z.object({
  measure: z.string(),
  provider: z.string(),
  target: z.string().optional(),
  met: z.boolean().optional(),
  status: z.string(),
  explanation: z.string(),
  baseline: BaselineFigure.optional(),
});
export type MonitorFigure = z.infer<typeof MonitorFigure>;

/**
 * A pilot: its outcomes so far and its continuation, `pending` before the review date and decided
 * (`continues` or `ends`, with `continues` set) from it.
 */
export const PilotFigure = z.object({
  review: z.string(),
  decision: z.enum(['pending', 'continues', 'ends']),
  continues: z.boolean().optional(),
  outcomes: z.array(
    z.object({
      measure: z.string(),
      met: z.boolean(),
      explanation: z.string(),
      baseline: BaselineFigure.optional(),
    }),
  ),
});

/** Which contract, version, data and date a position or statement was computed from. */
const Identity = {
  contract: z.string(),
  version: z.number().int().nonnegative(),
  contentHash: z.string(),
  asOf: z.string(),
  /** The financial year of the term these figures are for. */
  year: z.string(),
  /** Every financial year of the contract's term; `?year=` asks for another. */
  term: z.array(z.string()),
};

/** What a provider (or a commissioner, for all providers) sees of a contract on a date. */
export const Position = z.object({
  ...Identity,
  provider: z.string(),
  measures: z.array(MeasureFigure),
  /** Each group's figures of the stratified measures in play (a provider sees only its own). */
  strata: z.array(StratumFigure),
  indicators: z.array(IndicatorFigure),
  lines: z.array(PaymentLineJson),
  monitors: z.array(MonitorFigure),
  pilot: PilotFigure.optional(),
});
export type Position = z.infer<typeof Position>;

export const RiskShareFigure = z.object({
  name: z.string(),
  side: z.enum(['gain', 'loss', 'none']),
  variancePence: Pence,
  providersPence: Pence,
  commissionerPence: Pence,
  steps: z.array(z.string()),
});

/** The finance statement: every payment line with its trace, and totals by kind and by provider. */
export const Statement = z.object({
  ...Identity,
  title: z.string(),
  provisional: z.boolean(),
  lines: z.array(PaymentLineJson),
  totalsByKind: z.record(z.string(), Pence),
  totalsByProvider: z.record(z.string(), Pence),
  /** Each commissioner's share of the totalled lines, when several fund the contract; they sum to the total. */
  totalsByCommissioner: z.record(z.string(), Pence).optional(),
  earnedPence: Pence,
  paidOnAccountPence: Pence,
  reconciliationPence: Pence,
  riskShares: z.array(RiskShareFigure),
  submissions: z.array(z.string()),
});
export type Statement = z.infer<typeof Statement>;
