import { QUARTERS } from '../calendar/index.js';
import type { Period } from '../calendar/periods.js';
import { allocatePence } from '../core/allocate.js';
import { DomainError, DomainErrorCodes } from '../core/errors.js';
import { fromPercent, mul, type Rational, rational, toDecimal, ZERO } from '../core/rational.js';
import type { MeasureResult } from '../measures/measure-result.js';
import type { Indicator, PaymentRule, Scheme } from '../model/contract.js';
import { formatPence } from '../money.js';
import { attainmentOf, showScore } from './attainment.js';
import {
  amountPence,
  describeRounding,
  type EvaluationContext,
  mainProvider,
  odsOf,
  type PricingContext,
  roundLine,
} from './context.js';
import type { LineStatus, PaymentLine } from './payment-line.js';

/**
 * A CQUIN scheme or a withhold: the scheme's value is split among its indicators by weight, each
 * indicator's value into four quarters when assessed quarterly, and each part is earned in
 * proportion to attainment, rounded on the payable line. Parts always sum to the whole.
 */
export function evaluateScheme(context: EvaluationContext, scheme: Scheme): PaymentLine[] {
  return assessedIndicators(context, scheme, schemeValue(context, scheme)).flatMap(({ assessed, value }) =>
    indicatorParts(context, scheme, value).map((part) =>
      evaluatePeriod(context, scheme, assessed, part.available, part.period, part.span),
    ),
  );
}

/** An indicator, or one of its parts, as assessed and paid: its own measure, rule and accountable provider. */
export interface AssessedIndicator extends Omit<Indicator, 'rule' | 'parts' | 'weight'> {
  rule: PaymentRule;
  /** For a part: the indicator it is part of, and its share of that indicator's value. */
  partOf?: { indicator: string; sharePercent: string };
}

/**
 * What each indicator of a scheme is assessed as, with the value it is paid from: the indicator
 * itself, or each of its parts with its share of the indicator's value for the year, allocated to
 * the penny so the parts always sum to the indicator's value (then split into quarters as any
 * indicator is).
 */
export function assessedIndicators(
  context: PricingContext,
  scheme: Scheme,
  schemePence: bigint,
): { assessed: AssessedIndicator; value: bigint }[] {
  const values = indicatorValues(context, scheme, schemePence);
  return scheme.indicators.flatMap((indicator, index) => {
    const value = values[index] ?? 0n;
    const { parts, rule, weight: _weight, ...rest } = indicator;
    if (!parts || parts.length === 0) {
      if (!rule)
        throw new DomainError(
          DomainErrorCodes.InvalidModel,
          `Indicator ${indicator.name} has neither a payment rule nor parts.`,
        );
      return [{ assessed: { ...rest, rule }, value }];
    }
    const shares = allocatePence(
      value,
      parts.map((part) => fromPercent(part.sharePercent)),
    );
    return parts.map((part, at) => ({
      assessed: {
        name: part.name,
        title: part.title,
        measure: part.measure,
        accountable: part.accountable ?? indicator.accountable,
        rule: part.rule,
        quarterRules: part.quarterRules,
        location: part.location,
        partOf: { indicator: indicator.name, sharePercent: part.sharePercent },
      },
      value: shares[at] ?? 0n,
    }));
  });
}

/** The scheme's value for the year, rounded as the contract declares. */
export function schemeValue(context: PricingContext, scheme: Scheme): bigint {
  return roundLine(context, amountPence(context, scheme.worth));
}

/** The scheme's value for each indicator, in pence, summing exactly to the scheme where weights are shares of it. */
export function indicatorValues(context: PricingContext, scheme: Scheme, schemePence: bigint): bigint[] {
  const shares = scheme.indicators.filter((i) => i.weight.kind === 'percent' && i.weight.base === 'scheme');
  const allocated =
    shares.length > 0
      ? allocatePence(
          schemePence,
          shares.map((i) => (i.weight.kind === 'percent' ? fromPercent(i.weight.percent) : ZERO)),
        )
      : [];
  let next = 0;
  return scheme.indicators.map((indicator) => {
    if (indicator.weight.kind === 'percent' && indicator.weight.base === 'scheme')
      return allocated[next++] ?? 0n;
    return roundLine(context, amountPence(context, indicator.weight));
  });
}

/** A period an indicator is assessed for, and the part of its value available in it. */
export interface IndicatorPart {
  period: Period;
  span: 'quarter' | 'year';
  available: bigint;
}

/** An indicator's value by assessment period: four quarters whose pennies add up to it, or the year. */
export function indicatorParts(context: PricingContext, scheme: Scheme, value: bigint): IndicatorPart[] {
  const year = context.model.contract.year;
  if (scheme.assessment !== 'quarterly')
    return [{ period: { kind: 'year', year }, span: 'year', available: value }];
  const quarterValues = allocatePence(
    value,
    QUARTERS.map(() => rational(1n)),
  );
  return QUARTERS.map((quarter, index) => ({
    period: { kind: 'quarter', year, quarter },
    span: 'quarter',
    available: quarterValues[index] ?? 0n,
  }));
}

/** The most a part can pay: all of it, rounded on the payable line as every earned line is. */
export function mostPayable(context: PricingContext, available: bigint): bigint {
  return roundLine(context, rational(available));
}

function evaluatePeriod(
  context: EvaluationContext,
  scheme: Scheme,
  indicator: AssessedIndicator,
  available: bigint,
  period: Period,
  span: 'quarter' | 'year',
): PaymentLine {
  const provider = odsOf(context, indicator.accountable) ?? mainProvider(context);
  const rule =
    (period.kind === 'quarter' && indicator.quarterRules.find((q) => q.quarter === period.quarter)?.rule) ||
    indicator.rule;
  const label =
    period.kind === 'quarter'
      ? `${period.year} ${period.quarter}`
      : period.kind === 'year'
        ? period.year
        : period.month;
  const header = indicator.partOf
    ? `Indicator ${indicator.partOf.indicator}, part ${indicator.name} (${indicator.partOf.sharePercent}% of its value), ${label}`
    : `Indicator ${indicator.name}, ${label}`;
  const base = { kind: scheme.kind, clause: indicator.name, scheme: scheme.name, provider, period: label };
  const result: MeasureResult | undefined = indicator.measure
    ? context.measureResult(indicator.measure, provider, period)
    : undefined;
  if (result?.status !== 'scored' || !result.value) {
    const status: LineStatus = result ? (result.status === 'scored' ? 'no-data' : result.status) : 'no-data';
    const why = result ? result.trace.text.replace(/^Measure [^:]*: /, '') : 'no measure';
    return {
      ...base,
      pence: 0n,
      status,
      provisional: result?.provisional ?? false,
      trace: {
        clause: indicator.name,
        location: indicator.location,
        inputs: { available: available.toString() },
        formula: `not paid: ${why}`,
        text: `${header}: ${why}; nothing is paid for this ${span} until it is resolved`,
      },
    };
  }
  const measure = context.model.measures.find((m) => m.name === indicator.measure);
  const direction = measure?.direction ?? 'higher';
  const { attainment, formula } = attainmentOf(rule, result.value, direction);
  const exact: Rational = mul(attainment, rational(available));
  const pence = roundLine(context, exact);
  const percent = measure ? ['proportion', 'coverage', 'paired'].includes(measure.scoring.kind) : true;
  const counts = result.numerator !== undefined ? ` (${result.numerator} of ${result.denominator})` : '';
  const text = `${header}: ${showScore(result.value, percent)}${counts}; ${formula} × ${formatPence(available)} = ${formatPence(pence)}`;
  return {
    ...base,
    pence,
    attainment: toDecimal(attainment, 6),
    status: attainment.n === 0n ? 'not-earned' : attainment.n === attainment.d ? 'earned' : 'partly-earned',
    provisional: result.provisional,
    trace: {
      clause: indicator.name,
      location: indicator.location,
      inputs: { ...result.trace.inputs, score: toDecimal(result.value, 6), available: available.toString() },
      formula: `${formula} × ${available}p = ${toDecimal(exact, 4)}p`,
      rounding: `${describeRounding(context)}: ${toDecimal(exact, 4)}p → ${pence}p`,
      text,
    },
  };
}
