import { dayAfterMonth, dayNumber, monthsOfYear, QUARTERS } from '../calendar/index.js';
import { lastMonthOf } from '../calendar/periods.js';
import {
  compare,
  fromPercent,
  mul,
  type Rational,
  rational,
  toDecimal,
  toPercentText,
} from '../core/rational.js';
import type { Scheme } from '../model/contract.js';
import { formatPence } from '../money.js';
import { attainmentOf, thresholdValue } from '../payments/attainment.js';
import { type EvaluationContext, mainProvider, odsOf, roundLine } from '../payments/context.js';
import type { PaymentLine } from '../payments/payment-line.js';
import { type AssessedIndicator, assessedIndicators } from '../payments/scheme.js';

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
export function indicatorPositions(
  context: EvaluationContext,
  asOf: string,
  lines: readonly PaymentLine[] = [],
): IndicatorPosition[] {
  const model = context.model;
  const months = monthsOfYear(model.contract.year).filter((m) => dayAfterMonth(m) <= dayNumber(asOf));
  const positions: IndicatorPosition[] = [];
  for (const scheme of model.contract.schemes) {
    const assessed = assessedIndicators(context, scheme, roundLine(context, schemeWorth(context, scheme)));
    assessed.forEach(({ assessed: indicator, value }) => {
      if (!indicator.measure) return;
      const provider = odsOf(context, indicator.accountable) ?? mainProvider(context);
      const standing = standingMeaning(context, indicator.measure);
      let numerator = 0n;
      let denominator = 0n;
      let withData = 0;
      let latest: string | undefined;
      for (const month of months) {
        const result = context.measureResult(indicator.measure, provider, { kind: 'month', month });
        if (result.numerator === undefined || result.denominator === undefined) continue;
        // Events add up over the months; a snapshot or year-to-date figure stands until the next.
        numerator = standing ? result.numerator : numerator + result.numerator;
        denominator = standing ? result.denominator : denominator + result.denominator;
        withData++;
        latest = month;
      }
      if (standing && latest === undefined) {
        // A year-to-date return may be given for the year itself rather than for each month.
        const result = context.measureResult(indicator.measure, provider, {
          kind: 'year',
          year: model.contract.year,
        });
        if (result.numerator !== undefined && result.denominator !== undefined) {
          numerator = result.numerator;
          denominator = result.denominator;
          latest = model.contract.year;
        }
      }
      const forecastQuarterly = (position: IndicatorPosition): IndicatorPosition =>
        scheme.assessment === 'quarterly' && position.forecast && position.yearToDate
          ? byQuarter(context, scheme, indicator, provider, value, position, lines, asOf)
          : position;
      if (standing && latest !== undefined) {
        positions.push(
          forecastQuarterly(
            standingPositionOf(
              scheme,
              indicator,
              provider,
              value,
              numerator,
              denominator,
              latest,
              standing,
              months.length,
              context,
            ),
          ),
        );
        return;
      }
      positions.push(
        forecastQuarterly(
          positionOf(scheme, indicator, provider, value, numerator, denominator, withData, context),
        ),
      );
    });
  }
  return positions;
}

/**
 * A scheme assessed quarterly earns each quarter on its own: the year's forecast is what the
 * quarters already over earned, plus each quarter to come at the current score (on its own
 * thresholds), never the year's score applied to the whole value afresh.
 */
function byQuarter(
  context: EvaluationContext,
  scheme: Scheme,
  indicator: AssessedIndicator,
  provider: string,
  value: bigint,
  position: IndicatorPosition,
  lines: readonly PaymentLine[],
  asOf: string,
): IndicatorPosition {
  const year = context.model.contract.year;
  const yearToDate = position.yearToDate as NonNullable<IndicatorPosition['yearToDate']>;
  const score = rational(yearToDate.numerator, yearToDate.denominator);
  const direction = context.model.measures.find((m) => m.name === indicator.measure)?.direction ?? 'higher';
  let earned = 0n;
  let projected = 0n;
  const over: string[] = [];
  const toCome: string[] = [];
  for (const quarter of QUARTERS) {
    const label = `${year} ${quarter}`;
    if (dayAfterMonth(lastMonthOf({ kind: 'quarter', year, quarter })) <= dayNumber(asOf)) {
      const line = lines.find(
        (l) =>
          l.kind === scheme.kind &&
          l.clause === indicator.name &&
          l.provider === provider &&
          l.period === label,
      );
      earned += line?.pence ?? 0n;
      over.push(quarter);
      continue;
    }
    const rule = indicator.quarterRules.find((q) => q.quarter === quarter)?.rule ?? indicator.rule;
    projected += roundLine(
      context,
      mul(attainmentOf(rule, score, direction).attainment, rational(value, 4n)),
    );
    toCome.push(quarter);
  }
  const pence = earned + projected;
  const forecast = position.forecast as NonNullable<IndicatorPosition['forecast']>;
  const said = `${formatPence(earned)} earned in ${over.join(', ') || 'no quarter yet'} and ${formatPence(projected)} at this rate in ${toCome.join(', ') || 'no quarter'}`;
  return {
    ...position,
    forecast: { ...forecast, pence },
    text: `${position.text.replace(/earning £[0-9,.]+/, `earning ${formatPence(pence)}`)} (${said})`,
  };
}

/** What a measure's figures are over time when they stand rather than add up (undefined for events). */
function standingMeaning(context: EvaluationContext, measureName: string): string | undefined {
  const measure = context.model.measures.find((m) => m.name === measureName);
  const from = measure?.from;
  if (!from) return undefined;
  const source =
    from.kind === 'dataset'
      ? context.model.datasets.find((d) => d.name === from.name)
      : context.model.returns.find((r) => r.name === from.name);
  const meaning = source?.overTime.meaning;
  return meaning === 'events' ? undefined : meaning;
}

/**
 * The position on an indicator whose figure stands (a register snapshot, a year-to-date return):
 * the latest figure is the year's so far and the forecast; what is needed is what the latest
 * denominator needs to reach each threshold, not a run rate over months already counted.
 */
function standingPositionOf(
  scheme: Scheme,
  indicator: AssessedIndicator,
  provider: string,
  value: bigint,
  numerator: bigint,
  denominator: bigint,
  latest: string,
  meaning: string,
  monthsElapsed: number,
  context: EvaluationContext,
): IndicatorPosition {
  const base = { scheme: scheme.name, indicator: indicator.name, provider, monthsWithData: 1 };
  const what =
    meaning === 'cumulative'
      ? latest.includes('/')
        ? `the year-to-date return for ${latest}`
        : `the year to ${latest}`
      : `the ${latest} ${meaning === 'snapshots' ? 'snapshot' : 'return'}`;
  if (denominator === 0n)
    return { ...base, needs: [], text: `${describe(indicator)}: ${what} has no one in its denominator` };
  const score = rational(numerator, denominator);
  const direction = context.model.measures.find((m) => m.name === indicator.measure)?.direction ?? 'higher';
  const { attainment } = attainmentOf(indicator.rule, score, direction);
  const pence = roundLine(context, mul(attainment, rational(value)));
  const remaining = Math.max(0, 12 - monthsElapsed);
  const needs = thresholdsOf(indicator).map((threshold) => {
    const target = thresholdValue(threshold);
    const needed = direction === 'higher' ? ceil(mul(target, rational(denominator))) - numerator : 0n;
    return {
      threshold: threshold.kind === 'percent' ? `${threshold.percent}%` : toDecimal(target, 2),
      neededNumerator: needed > 0n ? needed : 0n,
      remainingMonths: remaining,
    };
  });
  const needText = needs
    .map((n) =>
      n.neededNumerator === 0n
        ? `${n.threshold} reached`
        : `${n.neededNumerator} more of the ${denominator} to reach ${n.threshold}`,
    )
    .join('; ');
  return {
    ...base,
    yearToDate: { numerator, denominator, score: toPercentText(score) },
    forecast: { denominator, score: toPercentText(score), attainment: toDecimal(attainment, 4), pence },
    needs,
    text: `${describe(indicator)}: ${toPercentText(score)} (${numerator} of ${denominator}) at ${what}; if it stands, the year ends there, earning ${formatPence(pence)}; ${needText}`,
  };
}

function thresholdsOf(indicator: AssessedIndicator) {
  return indicator.rule.kind === 'linear'
    ? [indicator.rule.from, indicator.rule.to]
    : indicator.rule.kind === 'all-or-nothing'
      ? [indicator.rule.at]
      : [];
}

function schemeWorth(context: EvaluationContext, scheme: Scheme): Rational {
  if (scheme.worth.kind === 'money') return rational(BigInt(scheme.worth.pence));
  return mul(rational(BigInt(context.model.contract.valuePence ?? '0')), fromPercent(scheme.worth.percent));
}

function positionOf(
  scheme: Scheme,
  indicator: AssessedIndicator,
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
      text: `${describe(indicator)}: no monthly returns yet, so no run rate to forecast from`,
    };
  }
  const score = rational(numerator, denominator);
  const projected = (denominator * 12n + BigInt(withData) - 1n) / BigInt(withData);
  const direction = context.model.measures.find((m) => m.name === indicator.measure)?.direction ?? 'higher';
  const { attainment } = attainmentOf(indicator.rule, score, direction);
  const pence = roundLine(context, mul(attainment, rational(value)));
  const remaining = 12 - withData;
  const targets = thresholdsOf(indicator).map(thresholdValue);
  const needs = thresholdsOf(indicator).map((threshold, at) => {
    const required = ceil(mul(targets[at] as Rational, rational(projected)));
    const needed = direction === 'higher' ? required - numerator : 0n;
    return {
      threshold:
        threshold.kind === 'percent' ? `${threshold.percent}%` : toDecimal(targets[at] as Rational, 2),
      neededNumerator: needed > 0n ? needed : 0n,
      remainingMonths: remaining,
    };
  });
  // What the months to come must bring: of the cases expected in them at this rate, how many must meet.
  const toCome = projected - denominator;
  const needText = needs
    .map((n, at) => {
      if (n.neededNumerator === 0n) return `${n.threshold} reached for the year`;
      const still = `${n.neededNumerator} of the about ${toCome} cases still to come in ${n.remainingMonths} months`;
      if (n.neededNumerator > toCome)
        return `${n.threshold} out of reach at this volume (it would take ${still})`;
      return compare(score, targets[at] as Rational) >= 0
        ? `on course for ${n.threshold}: ${still} keep it there`
        : `${still} to reach ${n.threshold}`;
    })
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
    text: `${describe(indicator)}: ${toPercentText(score)} (${numerator} of ${denominator}) over ${withData} months; at this rate the year ends at ${toPercentText(score)} of about ${projected}, earning ${formatPence(pence)}; ${needText}`,
  };
}

function ceil(value: Rational): bigint {
  const quotient = value.n / value.d;
  return value.n % value.d === 0n || value.n < 0n ? quotient : quotient + 1n;
}

/** How a position names what it is on: an indicator, or a part of one. */
function describe(indicator: AssessedIndicator): string {
  return indicator.partOf
    ? `Indicator ${indicator.partOf.indicator}, part ${indicator.name}`
    : `Indicator ${indicator.name}`;
}
