import { formatPence } from '@parity/engine';
import type { ValidationAcceptor } from 'langium';
import {
  type IndicatorMember,
  isIndicator,
  isIndicatorPart,
  isMeasureUse,
  isQuarterRule,
  isRiskShare,
  isShareBudget,
  type Scheme,
  type ShareThreshold,
  type ThresholdRule,
} from '../language/generated/ast.js';
import { isPercentKind, measureDirection, measureKind } from '../language/parity-facts.js';
import { moneyPence, percentOf, sumPercentages } from './amounts.js';
import { IssueCodes } from './issue-codes.js';
import { report } from './report.js';

/**
 * Incentives that compile and can never do what they are written to do: a threshold every result
 * reaches (the money is paid whatever the data), a minimum or deadband no outturn could pass, and a
 * scheme whose indicators add up to another sum than the scheme is worth.
 */

/** `all or nothing at 0%` on a higher-is-better percentage pays whatever the data (100% if lower is better). */
export function checkThresholdReach(rule: ThresholdRule, accept: ValidationAcceptor): void {
  const indicator = isQuarterRule(rule.$container) ? rule.$container.$container : rule.$container;
  if (!isIndicator(indicator) && !isIndicatorPart(indicator)) return;
  const members: readonly IndicatorMember[] = indicator.members;
  const measure = members.find(isMeasureUse)?.measure.ref;
  const percent = rule.threshold.percent;
  if (!measure || !percent || !isPercentKind(measureKind(measure))) return;
  const direction = measureDirection(measure);
  const value = percentOf(percent);
  const always = (direction === 'higher' && value <= 0) || (direction === 'lower' && value >= 100);
  if (!always) return;
  report(
    accept,
    'error',
    IssueCodes.InertIncentive,
    `Every result of ${measure.name} (${direction} is better) reaches ${percent}, so ${indicator.name} pays whatever the data: set the threshold the provider must reach, e.g. 'all or nothing at 80%'.`,
    { node: rule },
  );
}

/**
 * A minimum gain or loss, or a deadband, of the whole budget or more: an outturn cannot beat the
 * budget by more than the budget, so nothing beyond it is ever shared.
 */
export function checkShareThresholdReach(threshold: ShareThreshold, accept: ValidationAcceptor): void {
  const share = threshold.$container;
  if (!isRiskShare(share)) return;
  const { amount } = threshold;
  let whole = false;
  if (amount.percent && amount.base === 'budget') whole = percentOf(amount.percent) >= 100;
  else if (amount.money) {
    const budget = share.members.find(isShareBudget)?.amount;
    const pence = moneyPence(amount.money);
    const budgetPence = budget === undefined ? undefined : moneyPence(budget);
    whole = pence !== undefined && budgetPence !== undefined && pence >= budgetPence;
  }
  if (!whole || threshold.side === 'loss') return;
  const what = threshold.kind === 'minimum' ? 'minimum gain' : 'deadband';
  report(
    accept,
    'error',
    IssueCodes.InertIncentive,
    `A ${what} of the whole budget or more can never be passed: a gain is at most the budget itself, so ${share.name} would never share a gain. Give a ${what} below the budget, e.g. '${threshold.kind} ${threshold.side} 2% of budget'.`,
    { node: threshold, property: 'amount' },
  );
}

/**
 * Indicators weighted as money or as a share of the contract value must add up to what their
 * scheme is worth, written the same way; otherwise the scheme pays more or less than it says.
 */
export function checkIndicatorsAddToWorth(scheme: Scheme, accept: ValidationAcceptor): void {
  const indicators = scheme.members.filter(isIndicator);
  if (indicators.length === 0 || indicators.some((i) => i.weight.percent && !i.weight.base)) return;
  const worth = scheme.worth;
  let total: string | undefined;
  let written: string | undefined;
  if (worth.percent && indicators.every((i) => i.weight.percent && i.weight.base === worth.base)) {
    total = `${sumPercentages(indicators.map((i) => i.weight.percent as string))}%`;
    written = worth.percent;
    if (percentOf(total) === percentOf(written)) return;
    total = `${total} of ${worth.base}`;
    written = `${written} of ${worth.base}`;
  } else if (worth.money && indicators.every((i) => i.weight.money)) {
    const pence = indicators.reduce((sum, i) => sum + (moneyPence(i.weight.money as string) ?? 0n), 0n);
    if (pence === moneyPence(worth.money)) return;
    total = formatPence(pence);
    written = worth.money;
  } else return;
  report(
    accept,
    'error',
    IssueCodes.IndicatorsNotWorth,
    `The indicators of ${scheme.name} add up to ${total}, but the scheme is worth ${written}: make the indicators' weights add up to the scheme's worth, or weight them as shares of the scheme (e.g. 'weight 60%').`,
    { node: scheme, property: 'worth' },
  );
}
