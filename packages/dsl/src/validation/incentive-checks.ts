import type { ValidationAcceptor } from 'langium';
import {
  type ActivityLine,
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
  isOverTimeClause,
  isPaidClause,
  isPaymentRule,
  isQuarterRule,
  isRateClause,
  isThresholdRule,
  type Measure,
  type PaymentRule,
  type Scheme,
  type Threshold,
  type YearOfCare,
} from '../language/generated/ast.js';
import {
  accountableFor,
  containingContract,
  contractValue,
  hasMinimumDenominator,
  isPercentKind,
  measureDirection,
  measureDomain,
  measureKind,
  namesDataSource,
  needsMinimumDenominator,
  partiesOf,
} from '../language/parity-facts.js';
import { numberOf, percentOf, sumPercentages } from './amounts.js';
import { IssueCodes } from './issue-codes.js';
import { report } from './report.js';

export function checkScheme(scheme: Scheme, accept: ValidationAcceptor): void {
  if (!scheme.members.some(isAssessmentClause)) {
    report(
      accept,
      'error',
      IssueCodes.MissingAssessment,
      `Scheme ${scheme.name} does not say how it is assessed; quarterly and annual assessment pay different money: add 'assessed quarterly' or 'assessed annually'.`,
      { node: scheme, property: 'name' },
    );
  }
  if (scheme.worth.percent && scheme.worth.base === 'value') {
    const contract = containingContract(scheme);
    if (contract && !contractValue(contract)) {
      report(
        accept,
        'error',
        IssueCodes.MissingClause,
        `Scheme ${scheme.name} is worth a percentage of the contract value, but the contract states no value: add 'value £…' to the contract.`,
        { node: scheme, property: 'worth' },
      );
    }
  }
  checkPercentRange(scheme.worth.percent, accept, scheme, 'worth');
  const indicators = scheme.members.filter(isIndicator);
  if (indicators.length === 0) {
    report(
      accept,
      'error',
      IssueCodes.InertIncentive,
      `Scheme ${scheme.name} has no indicators, so nothing can be earned: add an 'indicator'.`,
      { node: scheme, property: 'name' },
    );
    return;
  }
  const shareWeighted = indicators.filter((i) => i.weight.percent && !i.weight.base);
  if (shareWeighted.length > 0 && shareWeighted.length < indicators.length) {
    report(
      accept,
      'error',
      IssueCodes.MixedWeights,
      `Some indicators of ${scheme.name} are weighted as a share of the scheme and others as money or a share of the contract: weight them all the same way.`,
      { node: scheme, property: 'name' },
    );
    return;
  }
  if (shareWeighted.length === indicators.length) {
    const total = sumPercentages(indicators.map((i) => i.weight.percent ?? '0%'));
    if (total !== '100') {
      report(
        accept,
        'error',
        IssueCodes.WeightsNotHundred,
        `Indicator weights in ${scheme.name} sum to ${total}%; they must sum to 100%.`,
        { node: scheme, property: 'name', data: { total } },
      );
    }
  }
}

export function checkIndicator(indicator: Indicator, accept: ValidationAcceptor): void {
  const parts = indicator.members.filter(isIndicatorPart);
  if (parts.length > 0) checkParts(indicator, parts, accept);
  else checkAssessment(indicator, accept);
  if (percentOf(indicator.weight.percent ?? '1%') === 0) {
    report(
      accept,
      'warning',
      IssueCodes.InertIncentive,
      `Indicator ${indicator.name} has a weight of 0%, so it can never pay: give it a weight or make it 'monitor' only.`,
      { node: indicator, property: 'weight' },
    );
  }
  checkAccountability(indicator, indicator.members.find(isMeasureUse)?.measure.ref, accept);
}

/**
 * An indicator in parts: the parts' shares make exactly 100% of its value, and the measure and
 * rule belong to the parts, not to the indicator as well.
 */
function checkParts(indicator: Indicator, parts: IndicatorPart[], accept: ValidationAcceptor): void {
  const total = sumPercentages(parts.map((p) => p.share));
  if (total !== '100')
    report(
      accept,
      'error',
      IssueCodes.PartSharesNotHundred,
      `The parts of ${indicator.name} share ${total}% of its value; their shares must sum to 100%.`,
      { node: indicator, property: 'name' },
    );
  for (const own of indicator.members.filter((m) => isMeasureUse(m) || isPaymentRule(m) || isQuarterRule(m)))
    report(
      accept,
      'error',
      IssueCodes.PartsAndRule,
      `Indicator ${indicator.name} is paid by its parts: move this measure or rule into a part, or remove the parts.`,
      { node: own },
    );
}

/** An indicator part is checked as an indicator is: one rule, a measure, thresholds on its scale. */
export function checkIndicatorPart(part: IndicatorPart, accept: ValidationAcceptor): void {
  checkAssessment(part, accept);
}

function checkAssessment(indicator: Indicator | IndicatorPart, accept: ValidationAcceptor): void {
  const what = isIndicatorPart(indicator) ? 'Part' : 'Indicator';
  const members: readonly IndicatorMember[] = indicator.members;
  const rules = members.filter(isPaymentRule);
  const measureUse = members.find(isMeasureUse);
  const measure = measureUse?.measure.ref;
  if (rules.length === 0) {
    report(
      accept,
      'error',
      IssueCodes.MissingPaymentRule,
      `${what} ${indicator.name} does not say how it pays: add 'linear from …% to …%', 'all or nothing at …%' or 'milestone "…" due Q1'.`,
      { node: indicator, property: 'name' },
    );
  }
  for (const extra of rules.slice(1)) {
    report(
      accept,
      'error',
      IssueCodes.DuplicateClause,
      `${what} ${indicator.name} already has a payment rule: keep one, and use 'in Q… <rule>' for a quarter that differs.`,
      { node: extra },
    );
  }
  const isMilestone = rules.some(isMilestoneRule);
  if (!measureUse && !isMilestone) {
    report(
      accept,
      'error',
      IssueCodes.MissingMeasure,
      `${what} ${indicator.name} is not tied to a measure: add 'measure <Measure>'.`,
      { node: indicator, property: 'name' },
    );
  }
  const quarters = new Set<string>();
  for (const quarterRule of members.filter(isQuarterRule)) {
    if (quarters.has(quarterRule.quarter)) {
      report(
        accept,
        'error',
        IssueCodes.DuplicateClause,
        `${quarterRule.quarter} already has its own rule in ${indicator.name}: keep one.`,
        { node: quarterRule, property: 'quarter' },
      );
    }
    quarters.add(quarterRule.quarter);
  }
  if (measure && measureUse) {
    if (needsMinimumDenominator(measureKind(measure)) && !hasMinimumDenominator(measure)) {
      report(
        accept,
        'error',
        IssueCodes.MissingMinimumDenominator,
        `Measure ${measure.name} pays money here but has no minimum denominator, so a handful of cases could swing the payment: add 'minimum denominator N' to ${measure.name}.`,
        { node: measureUse, property: 'measure', data: { measure: measure.name } },
      );
    }
    for (const rule of [...rules, ...members.filter(isQuarterRule).map((q) => q.rule)])
      checkRule(rule, measure, accept);
  }
}

function checkAccountability(
  indicator: Indicator,
  measure: Measure | undefined,
  accept: ValidationAcceptor,
): void {
  const contract = containingContract(indicator);
  const named = indicator.members.some(isAccountable);
  if (contract && !named && partiesOf(contract, 'provider', 'prime').length > 1) {
    report(
      accept,
      'error',
      IssueCodes.MissingAccountable,
      `This contract has several providers: say who is accountable for ${indicator.name}, e.g. 'accountable <Organisation>'.`,
      { node: indicator, property: 'name' },
    );
  }
  const organisation = accountableFor(indicator);
  const domain = measure && measureDomain(measure);
  if (!measure || !organisation || !domain) return;
  const crossSector =
    (organisation.sector === 'mental-health' && domain === 'physical-health') ||
    (organisation.sector === 'acute' && domain === 'mental-health');
  if (crossSector && !namesDataSource(measure)) {
    report(
      accept,
      'error',
      IssueCodes.CrossSectorSource,
      `${organisation.name} (${organisation.sector}) is held to account for a ${domain} outcome, ${measure.name}, whose data may be held by another sector: name the data source with 'source "…"' on the measure or its dataset.`,
      { node: indicator.members.find(isMeasureUse) ?? indicator, property: 'measure' as never },
    );
  }
}

function checkRule(rule: PaymentRule, measure: Measure, accept: ValidationAcceptor): void {
  const direction = measureDirection(measure);
  if (isLinearRule(rule)) {
    checkThreshold(rule.start, measure, accept);
    checkThreshold(rule.end, measure, accept);
    const start = thresholdValue(rule.start);
    const end = thresholdValue(rule.end);
    if (Number.isNaN(start) || Number.isNaN(end) || !direction) return;
    if (start === end) {
      report(
        accept,
        'error',
        IssueCodes.ThresholdOrder,
        `A linear scale from ${start} to ${end} has no width: use 'all or nothing at …' or widen the range.`,
        { node: rule },
      );
    } else if ((direction === 'higher') !== start < end) {
      const order = direction === 'higher' ? 'below' : 'above';
      report(
        accept,
        'error',
        IssueCodes.ThresholdOrder,
        `${measure.name} is ${direction}-is-better, so the scale must start ${order} where it ends: swap the two thresholds.`,
        { node: rule },
      );
    }
  }
  if (isThresholdRule(rule)) checkThreshold(rule.threshold, measure, accept);
}

function thresholdValue(threshold: Threshold): number {
  if (threshold.percent) return percentOf(threshold.percent);
  if (threshold.number) return numberOf(threshold.number);
  return Number.NaN;
}

function checkThreshold(threshold: Threshold, measure: Measure, accept: ValidationAcceptor): void {
  const kind = measureKind(measure);
  if (threshold.percent) {
    if (!isPercentKind(kind)) {
      report(
        accept,
        'error',
        IssueCodes.ThresholdUnit,
        `${measure.name} is scored as a ${kind}, not a percentage: give this threshold as a number${kind === 'rate' ? ' per population' : ''}.`,
        { node: threshold },
      );
      return;
    }
    checkPercentRange(threshold.percent, accept, threshold, 'percent');
  } else if (isPercentKind(kind)) {
    report(
      accept,
      'error',
      IssueCodes.ThresholdUnit,
      `${measure.name} is scored as a percentage: give this threshold as a percentage, e.g. 60%.`,
      { node: threshold },
    );
  } else if ((kind === 'rate' || kind === 'count') && threshold.number && numberOf(threshold.number) < 0) {
    report(
      accept,
      'error',
      IssueCodes.ThresholdOutOfRange,
      `No data could reach a negative threshold: give a threshold of 0 or more.`,
      { node: threshold },
    );
  }
}

function checkPercentRange(
  percent: string | undefined,
  accept: ValidationAcceptor,
  node: Threshold | Scheme,
  property: 'percent' | 'worth',
): void {
  if (!percent) return;
  const value = percentOf(percent);
  if (value < 0 || value > 100) {
    report(
      accept,
      'error',
      IssueCodes.ThresholdOutOfRange,
      `${percent} is outside 0–100%: no result could reach it. Give a percentage from 0% to 100%.`,
      { node, property: property as never },
    );
  }
}

export function checkActivity(activity: ActivityLine, accept: ValidationAcceptor): void {
  const measure = activity.measure.ref;
  if (measure && !['count', 'total', 'reported-value'].includes(measureKind(measure))) {
    report(
      accept,
      'error',
      IssueCodes.TypeMismatch,
      `Activity is priced per unit counted, but ${measure.name} is scored as a ${measureKind(measure)}: use a measure 'scored as count', 'scored as total of …' or 'scored as reported value'.`,
      { node: activity, property: 'measure' },
    );
  }
}

export function checkCapitation(capitation: Capitation, accept: ValidationAcceptor): void {
  const missing = (what: string, example: string) =>
    report(
      accept,
      'error',
      IssueCodes.MissingClause,
      `Capitation ${capitation.name} does not say ${what}: add '${example}'.`,
      { node: capitation, property: 'name', data: { clause: example } },
    );
  if (!capitation.members.some(isRateClause)) missing('its rate', 'rate £… per person per year');
  if (!capitation.members.some(isPaidClause)) missing('how often it is paid', 'paid monthly');
  if (!capitation.members.some(isCapitationPopulation) && !capitation.members.some(isCapitationWeight)) {
    missing('which population it pays for', 'population registered from <Measure>');
  }
  checkCoverage(
    capitation.members.filter(isCoversClause).flatMap((c) => c.domains),
    capitation,
    accept,
    `Capitation ${capitation.name}`,
  );
}

export function checkYearOfCare(yearOfCare: YearOfCare, accept: ValidationAcceptor): void {
  if (!yearOfCare.members.some(isRateClause)) {
    report(
      accept,
      'error',
      IssueCodes.MissingClause,
      `Year of care ${yearOfCare.name} does not say its rate: add 'rate £… per person per year'.`,
      { node: yearOfCare, property: 'name' },
    );
  }
  const cohort = yearOfCare.members.find(isCohortClause);
  if (!cohort) {
    report(
      accept,
      'error',
      IssueCodes.MissingClause,
      `Year of care ${yearOfCare.name} does not say who is in the cohort: add 'cohort from <Dataset> joined <field> left <field>'.`,
      { node: yearOfCare, property: 'name' },
    );
    return;
  }
  const register = cohort.cohort.ref;
  const meaning = register?.members.find(isOverTimeClause)?.meaning;
  if (register && meaning === 'events') {
    report(
      accept,
      'error',
      IssueCodes.OverTimeMismatch,
      `A cohort is a register read from its snapshots, so that each member's days are counted once: ${register.name}'s rows are events. Say 'rows are snapshots' in ${register.name}.`,
      { node: cohort, property: 'cohort' },
    );
  }
  for (const property of ['joined', 'left'] as const) {
    const field = cohort[property].ref;
    if (field && field.type !== 'date') {
      report(
        accept,
        'error',
        IssueCodes.TypeMismatch,
        `Membership is pro-rated by days, so '${property}' must be a date field, but ${field.name} is ${field.type}.`,
        { node: cohort, property },
      );
    }
  }
}

/** An integrated budget must cover both physical and mental health. */
export function checkCoverage(
  domains: string[],
  node: Capitation | { $type: string },
  accept: ValidationAcceptor,
  what: string,
): void {
  const lacking = ['physical-health', 'mental-health'].filter((domain) => !domains.includes(domain));
  if (lacking.length === 0) return;
  report(
    accept,
    'error',
    IssueCodes.BudgetCoverage,
    `${what} does not cover ${lacking.join(' or ')}: an integrated budget covers both, so add 'covers physical-health, mental-health'.`,
    { node: node as Capitation, property: 'name' },
  );
}
