import {
  type AbsorbedCost as ModelAbsorbedCost,
  type ActivityLine as ModelActivity,
  type Amount as ModelAmount,
  type BaselineTarget as ModelBaselineTarget,
  type Capitation as ModelCapitation,
  type Indicator as ModelIndicator,
  type IndicatorPart as ModelIndicatorPart,
  type Limit as ModelLimit,
  type Monitor as ModelMonitor,
  type PaymentRule as ModelPaymentRule,
  type Pilot as ModelPilot,
  type RiskShare as ModelRiskShare,
  type Scheme as ModelScheme,
  type Threshold as ModelThreshold,
  type YearOfCare as ModelYearOfCare,
  normaliseNumber,
  parseMoney,
  parsePercent,
} from '@parity/engine';
import {
  type AbsorbedCost,
  type ActivityLine,
  type Amount,
  type BaselineTarget,
  type Capitation,
  type Indicator,
  type IndicatorMember,
  type IndicatorPart,
  isAccountable,
  isAssessmentClause,
  isCapitationPopulation,
  isCapitationWeight,
  isCohortClause,
  isCoversClause,
  isIndicator,
  isIndicatorPart,
  isLinearRule,
  isMeasureUse,
  isMilestoneRule,
  isOnAccountClause,
  isPaidClause,
  isPartYear,
  isPaymentRule,
  isProviderSplit,
  isQualityGate,
  isQualityModifier,
  isQuarterRule,
  isRateClause,
  isShareBudget,
  isShareLimit,
  isShareOutturn,
  isShareThreshold,
  isSharing,
  type Monitor,
  type PaymentRule,
  type Pilot,
  type ProviderSplit,
  type RiskShare,
  type Scheme,
  type ShareLimit,
  type Threshold,
  type Weight,
  type YearOfCare,
} from '../language/generated/ast.js';
import { compileDuration } from './compile-expression.js';
import { type FileNamer, locationOf } from './locations.js';
import { nameOf } from './names.js';
import { required } from './required.js';

type Ref<T> = { ref?: T; $refText: string };
const refName = <T extends { name: string; $container?: unknown; $type: string }>(
  reference: Ref<T>,
): string => (reference.ref ? nameOf(reference.ref as never) : reference.$refText);

const pence = (money: string) => parseMoney(money).toString();
// Datatype rules join their tokens without spaces: 'actual value' arrives as 'actualvalue'.
const BASES: Record<string, 'value' | 'actual-value' | 'budget'> = {
  value: 'value',
  actualvalue: 'actual-value',
  budget: 'budget',
};

export function compileAmount(amount: Amount): ModelAmount {
  if (amount.money) return { kind: 'money', pence: pence(amount.money) };
  return {
    kind: 'percent',
    percent: parsePercent(amount.percent ?? '0%'),
    base: BASES[(amount.base ?? 'value').replace(/\s/g, '')] ?? 'value',
  };
}

function compileWeight(weight: Weight): ModelAmount {
  if (weight.money) return { kind: 'money', pence: pence(weight.money) };
  const base = weight.base ? (BASES[weight.base.replace(/\s/g, '')] ?? 'value') : 'scheme';
  return { kind: 'percent', percent: parsePercent(weight.percent ?? '0%'), base };
}

export function compileThreshold(threshold: Threshold): ModelThreshold {
  if (threshold.percent) return { kind: 'percent', percent: parsePercent(threshold.percent) };
  if (threshold.money) return { kind: 'money', pence: pence(threshold.money) };
  if (threshold.unit && threshold.number) {
    return {
      kind: 'duration',
      duration: compileDuration({ value: threshold.number, unit: threshold.unit } as never),
    };
  }
  return { kind: 'number', value: normaliseNumber(threshold.number ?? '0') };
}

function compileRule(rule: PaymentRule): ModelPaymentRule {
  if (isLinearRule(rule))
    return { kind: 'linear', from: compileThreshold(rule.start), to: compileThreshold(rule.end) };
  if (isMilestoneRule(rule))
    return { kind: 'milestone', description: rule.description, due: rule.due as 'Q1' };
  return { kind: 'all-or-nothing', at: compileThreshold(rule.threshold) };
}

/** What an indicator or a part of one is assessed on: its measure, provider and rules. */
function compileAssessment(node: Indicator | IndicatorPart, members: readonly IndicatorMember[]) {
  const measure = members.find(isMeasureUse)?.measure;
  const accountable = members.find(isAccountable)?.organisation;
  return {
    name: node.name,
    title: node.title,
    measure: measure && refName(measure),
    accountable: accountable && refName(accountable),
    quarterRules: members
      .filter(isQuarterRule)
      .map((q) => ({ quarter: q.quarter as 'Q1', rule: compileRule(q.rule) })),
  };
}

function compileIndicator(indicator: Indicator, fileOf: FileNamer): ModelIndicator {
  const parts = indicator.members.filter(isIndicatorPart).map(
    (part): ModelIndicatorPart => ({
      ...compileAssessment(part, part.members),
      sharePercent: parsePercent(part.share),
      rule: compileRule(required(part.members.find(isPaymentRule), `the payment rule of part ${part.name}`)),
      location: locationOf(part, fileOf),
    }),
  );
  const rule = indicator.members.find(isPaymentRule);
  return {
    ...compileAssessment(indicator, indicator.members),
    weight: compileWeight(indicator.weight),
    // An indicator with parts is paid by its parts' rules; otherwise it has its own.
    rule:
      parts.length > 0
        ? undefined
        : compileRule(required(rule, `the payment rule of indicator ${indicator.name}`)),
    parts: parts.length > 0 ? parts : undefined,
    location: locationOf(indicator, fileOf),
  };
}

/** The cost a provider carries, beside the activities that fund it. */
export function compileAbsorbedCost(cost: AbsorbedCost, fileOf: FileNamer): ModelAbsorbedCost {
  return {
    name: cost.name,
    title: cost.title,
    pence: pence(cost.amount),
    basis: cost.annual
      ? { kind: 'year' }
      : {
          kind: 'activity',
          activity: required(cost.activity, `the activity cost ${cost.name} is per unit of`).$refText,
          unit: required(cost.unit, `the unit of cost ${cost.name}`),
        },
    carriedBy: refName(cost.organisation),
    fundedBy: cost.funding.map((f) => f.$refText),
    location: locationOf(cost, fileOf),
  };
}

export function compileScheme(scheme: Scheme, fileOf: FileNamer): ModelScheme {
  const onAccount = scheme.members.find(isOnAccountClause);
  return {
    name: scheme.name,
    kind: scheme.kind as 'cquin' | 'withhold',
    title: scheme.title,
    worth: compileAmount(scheme.worth),
    assessment: required(
      scheme.members.find(isAssessmentClause)?.basis,
      `how scheme ${scheme.name} is assessed`,
    ) as 'quarterly' | 'annually',
    onAccount: onAccount && {
      schedule: onAccount.schedule as 'monthly',
      percent: parsePercent(onAccount.percent),
    },
    indicators: scheme.members.filter(isIndicator).map((i) => compileIndicator(i, fileOf)),
    location: locationOf(scheme, fileOf),
  };
}

export function compileActivity(activity: ActivityLine, fileOf: FileNamer): ModelActivity {
  return {
    name: activity.name,
    title: activity.title,
    measure: refName(activity.measure),
    pricePence: pence(activity.price),
    unit: activity.unit,
    plan: activity.plan && normaliseNumber(activity.plan),
    location: locationOf(activity, fileOf),
  };
}

const coversOf = (members: { $type: string }[]) =>
  members.filter(isCoversClause).flatMap((c) => c.domains) as ModelCapitation['covers'];

export function compileCapitation(capitation: Capitation, fileOf: FileNamer): ModelCapitation {
  const population = capitation.members.find(isCapitationPopulation);
  return {
    name: capitation.name,
    title: capitation.title,
    basis: population?.basis as ModelCapitation['basis'],
    membership: population && refName(population.membership),
    ratePencePerYear: pence(
      required(capitation.members.find(isRateClause)?.rate, `the rate of capitation ${capitation.name}`),
    ),
    schedule: required(
      capitation.members.find(isPaidClause)?.schedule,
      `how capitation ${capitation.name} is paid`,
    ) as ModelCapitation['schedule'],
    covers: coversOf(capitation.members),
    weights: capitation.members.filter(isCapitationWeight).map((w) => ({
      band: w.band,
      factor: normaliseNumber(w.factor),
      membership: refName(w.membership),
    })),
    location: locationOf(capitation, fileOf),
  };
}

export function compileYearOfCare(yearOfCare: YearOfCare, fileOf: FileNamer): ModelYearOfCare {
  const cohort = yearOfCare.members.find(isCohortClause);
  return {
    name: yearOfCare.name,
    title: yearOfCare.title,
    cohort: refName(required(cohort, `the cohort of ${yearOfCare.name}`).cohort),
    joinedField: required(cohort?.joined.ref?.name, `the joining field of ${yearOfCare.name}`),
    leftField: required(cohort?.left.ref?.name, `the leaving field of ${yearOfCare.name}`),
    ratePencePerYear: pence(
      required(yearOfCare.members.find(isRateClause)?.rate, `the rate of ${yearOfCare.name}`),
    ),
    covers: coversOf(yearOfCare.members),
    location: locationOf(yearOfCare, fileOf),
  };
}

export function compileRiskShare(share: RiskShare, fileOf: FileNamer): ModelRiskShare {
  const budget = share.members.find(isShareBudget);
  const bands = (side: string) =>
    share.members
      .filter(isSharing)
      .filter((s) => s.side === side)
      .flatMap((s) => s.bands)
      .map((band) => ({
        upTo: band.upTo && compileAmount(band.upTo),
        providersPercent: parsePercent(band.providers),
        commissionerPercent: parsePercent(band.commissioner),
      }));
  // Validation refuses a second cap or collar, so the first is the only one.
  const limit = (kind: string) => {
    const found = share.members.filter(isShareLimit).find((l) => l.kind === kind);
    return found && compileLimit(found);
  };
  const gate = share.members.find(isQualityGate);
  const modifier = share.members.find(isQualityModifier);
  const split = share.members.find(isProviderSplit);
  const order = (value: string) => (value === 'before' ? 'before-cap' : 'after-cap') as 'before-cap';
  return {
    name: share.name,
    title: share.title,
    budget: {
      kind: required(budget, `the budget of risk share ${share.name}`).keyword as 'budget',
      pence: pence(required(budget?.amount, `the budget of risk share ${share.name}`)),
      covers: (budget?.domains ?? []) as ModelRiskShare['budget']['covers'],
    },
    outturn: refName(
      required(share.members.find(isShareOutturn), `the outturn of risk share ${share.name}`).measure,
    ),
    partYear:
      required(share.members.find(isPartYear), `how risk share ${share.name} reads a part-year outturn`)
        .method === 'compared'
        ? 'months-reported'
        : 'run-rate',
    thresholds: share.members.filter(isShareThreshold).map((t) => ({
      kind: t.kind as 'deadband',
      side: t.side as 'gain',
      amount: compileAmount(t.amount),
    })),
    gain: bands('gain'),
    loss: bands('loss'),
    cap: limit('cap'),
    collar: limit('collar'),
    qualityGate: gate && {
      required: Number(gate.required),
      measures: gate.measures.map(refName),
      otherwisePercent: parsePercent(
        required(gate.otherwise, `what the quality gate of ${share.name} pays when shut`),
      ),
      order: order(gate.order),
    },
    qualityModifier: modifier && { measure: refName(modifier.measure), order: order(modifier.order) },
    providerSplit: compileSplit(split),
    location: locationOf(share, fileOf),
  };
}

function compileLimit(limit: ShareLimit): ModelLimit {
  if (!limit.choice)
    return compileAmount(required(limit.amount, `the amount of ${limit.kind} ${limit.side}`));
  return {
    kind: limit.choice === 'lesser' ? 'lesser-of' : 'greater-of',
    amounts: limit.amounts.map(compileAmount),
  };
}

function compileSplit(split: ProviderSplit | undefined): ModelRiskShare['providerSplit'] {
  if (split?.basis === 'equally') return { basis: 'equal' };
  if (split?.basis !== 'fixed') return { basis: 'pro-rata-value' };
  return {
    basis: 'fixed',
    shares: split.shares.map((s) =>
      s.share.endsWith('%')
        ? { organisation: refName(s.organisation), percent: parsePercent(s.share) }
        : { organisation: refName(s.organisation), fraction: normaliseFraction(s.share) },
    ),
  };
}

/** `1/3` as written, without separators: the validator has checked both parts are whole numbers. */
function normaliseFraction(text: string): string {
  const [numerator, denominator] = text.split('/');
  return `${BigInt((numerator ?? '0').replaceAll(',', ''))}/${BigInt((denominator ?? '1').replaceAll(',', ''))}`;
}

export function compilePilot(pilot: Pilot, fileOf: FileNamer): ModelPilot {
  return {
    review: pilot.review,
    outcomes: pilot.outcomes.map((o) => ({
      measure: refName(o.measure),
      target: compileThreshold(o.target),
      ...(o.baseline && { baseline: compileBaseline(o.baseline) }),
    })),
    continueIf: pilot.required ? { kind: 'at-least', required: Number(pilot.required) } : { kind: 'all' },
    location: locationOf(pilot, fileOf),
  };
}

export function compileMonitor(monitor: Monitor, fileOf: FileNamer): ModelMonitor {
  return {
    measure: refName(monitor.measure),
    target: monitor.target && compileThreshold(monitor.target),
    ...(monitor.baseline && { baseline: compileBaseline(monitor.baseline) }),
    accountable: monitor.organisation && refName(monitor.organisation),
    location: locationOf(monitor, fileOf),
  };
}

/** `below baseline 2025/26` or `below baseline 12.4`: the baseline year's figure or a declared value. */
function compileBaseline(baseline: BaselineTarget): ModelBaselineTarget {
  return {
    direction: baseline.direction as 'below' | 'above',
    from:
      baseline.value !== undefined
        ? { kind: 'value', value: compileThreshold(baseline.value) }
        : { kind: 'year', year: baseline.year ?? '' },
  };
}
