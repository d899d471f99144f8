import {
  clamp,
  compare,
  div,
  fromDecimal,
  fromPercent,
  ONE,
  type Rational,
  sub,
  toDecimal,
  toPercentText,
  ZERO,
} from '../core/rational.js';
import type { Threshold } from '../model/common.js';
import type { PaymentRule } from '../model/contract.js';

/** A threshold as a number on the measure's scale: percentages become fractions. */
export function thresholdValue(threshold: Threshold): Rational {
  switch (threshold.kind) {
    case 'percent':
      return fromPercent(threshold.percent);
    case 'number':
      return fromDecimal(threshold.value);
    case 'money':
      return fromDecimal(threshold.pence);
    case 'duration':
      return fromDecimal(threshold.duration.amount);
  }
}

export function showThreshold(threshold: Threshold): string {
  if (threshold.kind === 'percent') return `${threshold.percent}%`;
  if (threshold.kind === 'duration') return `${threshold.duration.amount} ${threshold.duration.unit}`;
  if (threshold.kind === 'money') return `${threshold.pence}p`;
  return threshold.value;
}

/**
 * Attainment (0 to 1) of a score under a payment rule. Linear: 0 at or beyond the start, 1 at or
 * beyond the end, in proportion between — whichever way the scale runs, so a lower-is-better scale
 * runs from a higher start to a lower end. All-or-nothing: 1 when the score reaches the threshold in
 * the measure's better direction.
 */
export function attainmentOf(
  rule: PaymentRule,
  score: Rational,
  direction: 'higher' | 'lower',
): { attainment: Rational; formula: string } {
  if (rule.kind === 'linear') {
    const start = thresholdValue(rule.from);
    const end = thresholdValue(rule.to);
    const raw = div(sub(score, start), sub(end, start));
    const attainment = clamp(raw, ZERO, ONE);
    return {
      attainment,
      formula: `linear ${showThreshold(rule.from)}→${showThreshold(rule.to)} gives attainment ${toDecimal(attainment, 4).replace(/0+$/, '').replace(/\.$/, '')}`,
    };
  }
  if (rule.kind === 'all-or-nothing') {
    const at = thresholdValue(rule.at);
    const reached = direction === 'higher' ? compare(score, at) >= 0 : compare(score, at) <= 0;
    return {
      attainment: reached ? ONE : ZERO,
      formula: `all or nothing at ${showThreshold(rule.at)}: ${reached ? 'reached' : 'not reached'}`,
    };
  }
  const met = compare(score, ZERO) > 0;
  return {
    attainment: met ? ONE : ZERO,
    formula: `milestone "${rule.description}" ${met ? 'delivered' : 'not delivered'}`,
  };
}

export function showScore(score: Rational, percent: boolean): string {
  return percent ? toPercentText(score) : toDecimal(score, 2);
}
