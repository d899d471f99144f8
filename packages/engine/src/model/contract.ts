import { z } from 'zod';
import {
  Amount,
  BaselineTarget,
  DecimalText,
  FinancialYear,
  HealthDomain,
  Month,
  Pence,
  Percent,
  Quarter,
  Sector,
  SourceLocation,
  Threshold,
} from './common.js';

export const Organisation = z.object({
  name: z.string(),
  title: z.string(),
  ods: z.string(),
  sector: Sector,
  parent: z.string().optional(),
});
export type Organisation = z.infer<typeof Organisation>;

export const ArrangementKind = z.enum([
  'block',
  'activity',
  'cquin',
  'prime-provider',
  'sub-contract',
  'capitated',
  'year-of-care',
  'alliance',
  'pilot',
  'multi-commissioner',
  'provider-to-provider',
  'internal',
]);
export type ArrangementKind = z.infer<typeof ArrangementKind>;

export const Party = z.object({
  role: z.enum(['commissioner', 'provider', 'prime', 'subcontractor']),
  organisation: z.string(),
  ods: z.string(),
  department: z.string().optional(),
  sharePercent: Percent.optional(),
  population: DecimalText.optional(),
  /** The measure counting a commissioner's activity, when the contract is apportioned by activity. */
  activityMeasure: z.string().optional(),
  valuePence: Pence.optional(),
  location: SourceLocation,
});
export type Party = z.infer<typeof Party>;

export const PaymentRule = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('linear'), from: Threshold, to: Threshold }),
  z.object({ kind: z.literal('all-or-nothing'), at: Threshold }),
  z.object({ kind: z.literal('milestone'), description: z.string(), due: Quarter }),
]);
export type PaymentRule = z.infer<typeof PaymentRule>;

/** A part of an indicator: its own measure and rule, paid its share of the indicator's value. */
export const IndicatorPart = z.object({
  name: z.string(),
  title: z.string().optional(),
  sharePercent: Percent,
  measure: z.string().optional(),
  accountable: z.string().optional(),
  rule: PaymentRule,
  quarterRules: z.array(z.object({ quarter: Quarter, rule: PaymentRule })),
  location: SourceLocation,
});
export type IndicatorPart = z.infer<typeof IndicatorPart>;

export const Indicator = z.object({
  name: z.string(),
  title: z.string().optional(),
  /** A share of the scheme (`base: 'scheme'`), a percentage of the contract value, or money. */
  weight: Amount,
  measure: z.string().optional(),
  accountable: z.string().optional(),
  /** The indicator's rule; absent when it has parts, each with its own rule. */
  rule: PaymentRule.optional(),
  quarterRules: z.array(z.object({ quarter: Quarter, rule: PaymentRule })),
  /** Parts whose shares sum to 100%: each is assessed on its own and paid its share of the value. */
  parts: z.array(IndicatorPart).optional(),
  location: SourceLocation,
});
export type Indicator = z.infer<typeof Indicator>;

export const Schedule = z.enum(['monthly', 'quarterly', 'annually']);

/** A CQUIN scheme or a withhold released on outcomes. */
export const Scheme = z.object({
  name: z.string(),
  kind: z.enum(['cquin', 'withhold']),
  title: z.string(),
  worth: Amount,
  assessment: z.enum(['quarterly', 'annually']),
  onAccount: z.object({ schedule: Schedule, percent: Percent }).optional(),
  indicators: z.array(Indicator),
  location: SourceLocation,
});
export type Scheme = z.infer<typeof Scheme>;

export const ActivityLine = z.object({
  name: z.string(),
  title: z.string(),
  measure: z.string(),
  pricePence: Pence,
  unit: z.string(),
  plan: DecimalText.optional(),
  location: SourceLocation,
});
export type ActivityLine = z.infer<typeof ActivityLine>;

export const Capitation = z.object({
  name: z.string(),
  title: z.string(),
  basis: z.enum(['registered', 'resident']).optional(),
  membership: z.string().optional(),
  ratePencePerYear: Pence,
  schedule: Schedule,
  covers: z.array(HealthDomain),
  weights: z.array(z.object({ band: z.string(), factor: DecimalText, membership: z.string() })),
  location: SourceLocation,
});
export type Capitation = z.infer<typeof Capitation>;

export const YearOfCare = z.object({
  name: z.string(),
  title: z.string(),
  cohort: z.string(),
  joinedField: z.string(),
  leftField: z.string(),
  ratePencePerYear: Pence,
  covers: z.array(HealthDomain),
  location: SourceLocation,
});
export type YearOfCare = z.infer<typeof YearOfCare>;

export const ShareBand = z.object({
  upTo: Amount.optional(),
  providersPercent: Percent,
  commissionerPercent: Percent,
});
export type ShareBand = z.infer<typeof ShareBand>;

export const QualityOrder = z.enum(['before-cap', 'after-cap']);

/** A cap or collar: one amount, or the lesser (or greater) of several. */
export const Limit = z.union([
  Amount,
  z.object({ kind: z.enum(['lesser-of', 'greater-of']), amounts: z.array(Amount).min(2) }),
]);
export type Limit = z.infer<typeof Limit>;

/** A provider's fixed share: a percentage (`"40"`) or an exact fraction (`"1/3"`). */
export const ProviderShare = z.object({
  organisation: z.string(),
  percent: Percent.optional(),
  fraction: z
    .string()
    .regex(/^[0-9]+\/[1-9][0-9]*$/, 'a fraction is written as whole numbers: 1/3')
    .optional(),
});
export type ProviderShare = z.infer<typeof ProviderShare>;

export const RiskShare = z.object({
  name: z.string(),
  title: z.string(),
  budget: z.object({ kind: z.enum(['budget', 'benchmark']), pence: Pence, covers: z.array(HealthDomain) }),
  outturn: z.string(),
  /**
   * How an outturn for part of the year meets the budget: against the budget for the months
   * reported (`months-reported`), or carried forward at its monthly rate to the year (`run-rate`).
   */
  partYear: z.enum(['months-reported', 'run-rate']),
  thresholds: z.array(
    z.object({
      kind: z.enum(['deadband', 'minimum']),
      side: z.enum(['gain', 'loss', 'both']),
      amount: Amount,
    }),
  ),
  gain: z.array(ShareBand),
  loss: z.array(ShareBand),
  cap: Limit.optional(),
  collar: Limit.optional(),
  qualityGate: z
    .object({
      required: z.number().int().positive(),
      /** Measures that must meet the target their `monitor` clause gives. */
      measures: z.array(z.string()),
      otherwisePercent: Percent,
      order: QualityOrder,
    })
    .optional(),
  qualityModifier: z.object({ measure: z.string(), order: QualityOrder }).optional(),
  /** How the provider side is divided: pro rata to value, equally, or by fixed shares. */
  providerSplit: z.discriminatedUnion('basis', [
    z.object({ basis: z.literal('pro-rata-value') }),
    z.object({ basis: z.literal('equal') }),
    z.object({ basis: z.literal('fixed'), shares: z.array(ProviderShare) }),
  ]),
  location: SourceLocation,
});
export type RiskShare = z.infer<typeof RiskShare>;

export const Pilot = z.object({
  review: z.string().optional(),
  outcomes: z.array(
    z.object({ measure: z.string(), target: Threshold, baseline: BaselineTarget.optional() }),
  ),
  continueIf: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('all') }),
    z.object({ kind: z.literal('at-least'), required: z.number().int().positive() }),
  ]),
  location: SourceLocation,
});
export type Pilot = z.infer<typeof Pilot>;

/**
 * The cost a provider carries for a service (a year's, or per unit of an activity), beside the
 * activities that pay for it: shown as memoranda of cost, funding and the unfunded gap.
 */
export const AbsorbedCost = z.object({
  name: z.string(),
  title: z.string(),
  pence: Pence,
  /** `year`: an annual cost, a twelfth each month; `activity`: per unit of the named activity. */
  basis: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('year') }),
    z.object({ kind: z.literal('activity'), activity: z.string(), unit: z.string() }),
  ]),
  carriedBy: z.string(),
  fundedBy: z.array(z.string()),
  location: SourceLocation,
});
export type AbsorbedCost = z.infer<typeof AbsorbedCost>;

export const Monitor = z.object({
  measure: z.string(),
  target: Threshold.optional(),
  /** Set when the target is an improvement on a baseline rather than a level. */
  baseline: BaselineTarget.optional(),
  accountable: z.string().optional(),
  location: SourceLocation,
});
export type Monitor = z.infer<typeof Monitor>;

export const Rounding = z.object({
  mode: z.enum(['half-up', 'half-even', 'down', 'up']),
  unit: z.enum(['penny', 'pound']),
  /**
   * How monthly per-head payments (capitation, year of care) are totalled: each line rounded on its
   * own (absent, the default), or `annual`: the year's exact amount rounded once, each month an
   * instalment of it (the running total rounded, less what earlier months paid), so the months
   * always sum to the exact amount to date rounded once and the last carries the remainder.
   */
  totals: z.enum(['annual']).optional(),
});
export type Rounding = z.infer<typeof Rounding>;

export const Contract = z.object({
  name: z.string(),
  title: z.string(),
  arrangements: z.array(ArrangementKind),
  year: FinancialYear,
  term: z.object({ start: Month, end: Month }),
  parties: z.array(Party),
  valuePence: Pence.optional(),
  /** A term of several financial years: the value of each (`valuePence` is the first year's). */
  valuesByYear: z.record(FinancialYear, Pence).optional(),
  instalments: Schedule.optional(),
  apportionment: z.enum(['fixed', 'population', 'activity']).optional(),
  parent: z.string().optional(),
  flowDown: z.array(z.object({ indicator: z.string(), sharePercent: Percent })),
  rounding: Rounding,
  budgets: z.array(z.object({ name: z.string().optional(), pence: Pence, covers: z.array(HealthDomain) })),
  schemes: z.array(Scheme),
  activities: z.array(ActivityLine),
  capitations: z.array(Capitation),
  yearsOfCare: z.array(YearOfCare),
  riskShares: z.array(RiskShare),
  pilot: Pilot.optional(),
  monitors: z.array(Monitor),
  /** Costs carried by a provider beyond what it is paid (memoranda; absent when none). */
  absorbedCosts: z.array(AbsorbedCost).optional(),
  location: SourceLocation,
});
export type Contract = z.infer<typeof Contract>;
