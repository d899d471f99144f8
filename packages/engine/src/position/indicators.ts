import { dayAfterMonth, dayNumber, monthsOfYear } from '../calendar/index.js';
import { fromPercent, mul, type Rational, rational, toDecimal, toPercentText } from '../core/rational.js';
import type { Indicator, Scheme } from '../model/contract.js';
import { formatPence } from '../money.js';
import { attainmentOf, thresholdValue } from '../payments/attainment.js';
import { type EvaluationContext, mainProvider, odsOf, roundLine } from '../payments/context.js';
import { indicatorValues } from '../payments/scheme.js';

/** What an indicator still needs: for one threshold, the numerator to reach by year end. */
export interface ThresholdNeed {
  threshold: string;
  /** Numerator needed over the remaining months, at the run rate's denominator; 0 when already reached. */
  neededNumerator: bigint;
  remainingMonths: number;
}

export interface IndicatorPosition {
  scheme: string;
  indicator: string;
  provider: string;
  monthsWithData: number;
  yearToDate?: { numerator: bigint; denominator: bigint; score: string };
  /** Year-end forecast at the run rate: the same score, over a denominator scaled to twelve months. */
  forecast?: { denominator: bigint; score: string; attainment: string; pence: bigint };
  needs: ThresholdNeed[];
  text: string;
}

/**
 * A provider's position on each indicator: year to date, a year-end forecast from the run rate,
 * and for each threshold the numerator still needed in the remaining months. Works from monthly
 * aggregate returns; a month with no return is not counted in the run rate. Read from an
 * evaluation's context, so no data is read or evaluated again.
 */
export function indicatorPositions(context: EvaluationContext, asOf: string): IndicatorPosition[] {
  const model = context.model;
  const months = monthsOfYear(model.contract.year).filter((m) => dayAfterMonth(m) <= dayNumber(asOf));
  const positions: IndicatorPosition[] = [];
  for (const scheme of model.contract.schemes) {
    const values = indicatorValues(context, scheme, roundLine(context, schemeWorth(context, scheme)));
    scheme.indicators.forEach((indicator, index) => {
      if (!indicator.measure) return;
      const provider = odsOf(context, indicator.accountable) ?? mainProvider(context);
      let numerator = 0n;
      let denominator = 0n;
      let withData = 0;
      for (const month of months) {
        const result = context.measureResult(indicator.measure, provider, { kind: 'month', month });
        if (result.numerator === undefined || result.denominator === undefined) continue;
        numerator += result.numerator;
        denominator += result.denominator;
        withData++;
      }
      positions.push(
        positionOf(
          scheme,
          indicator,
          provider,
          values[index] ?? 0n,
          numerator,
          denominator,
          withData,
          context,
        ),
      );
    });
  }
  return positions;
}

function schemeWorth(context: EvaluationContext, scheme: Scheme): Rational {
  if (scheme.worth.kind === 'money') return rational(BigInt(scheme.worth.pence));
  return mul(rational(BigInt(context.model.contract.valuePence ?? '0')), fromPercent(scheme.worth.percent));
}

function positionOf(
  scheme: Scheme,
  indicator: Indicator,
  provider: string,
  value: bigint,
  numerator: bigint,
  denominator: bigint,
  withData: number,
  context: EvaluationContext,
): IndicatorPosition {
  const base = { scheme: scheme.name, indicator: indicator.name, provider, monthsWithData: withData };
  if (withData === 0 || denominator === 0n) {
    return {
      ...base,
      needs: [],
      text: `Indicator ${indicator.name}: no monthly returns yet, so no run rate to forecast from`,
    };
  }
  const score = rational(numerator, denominator);
  const projected = (denominator * 12n + BigInt(withData) - 1n) / BigInt(withData);
  const direction = context.model.measures.find((m) => m.name === indicator.measure)?.direction ?? 'higher';
  const { attainment } = attainmentOf(indicator.rule, score, direction);
  const pence = roundLine(context, mul(attainment, rational(value)));
  const remaining = 12 - withData;
  const thresholds =
    indicator.rule.kind === 'linear'
      ? [indicator.rule.from, indicator.rule.to]
      : indicator.rule.kind === 'all-or-nothing'
        ? [indicator.rule.at]
        : [];
  const needs = thresholds.map((threshold) => {
    const target = thresholdValue(threshold);
    const required = ceil(mul(target, rational(projected)));
    const needed = direction === 'higher' ? required - numerator : 0n;
    return {
      threshold: threshold.kind === 'percent' ? `${threshold.percent}%` : toDecimal(target, 2),
      neededNumerator: needed > 0n ? needed : 0n,
      remainingMonths: remaining,
    };
  });
  const needText = needs
    .map((n) => `${n.neededNumerator} more in ${n.remainingMonths} months to reach ${n.threshold}`)
    .join('; ');
  return {
    ...base,
    yearToDate: { numerator, denominator, score: toPercentText(score) },
    forecast: {
      denominator: projected,
      score: toPercentText(score),
      attainment: toDecimal(attainment, 4),
      pence,
    },
    needs,
    text: `Indicator ${indicator.name}: ${toPercentText(score)} (${numerator} of ${denominator}) over ${withData} months; at this rate the year ends at ${toPercentText(score)} of about ${projected}, earning ${formatPence(pence)}; ${needText}`,
  };
}

function ceil(value: Rational): bigint {
  const quotient = value.n / value.d;
  return value.n % value.d === 0n || value.n < 0n ? quotient : quotient + 1n;
}
