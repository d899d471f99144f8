import { monthsOfYear } from '../calendar/index.js';
import {
  add,
  compare,
  div,
  fromDecimal,
  mul,
  type Rational,
  rational,
  sub,
  toDecimal,
  toPercentText,
} from '../core/rational.js';
import type { MeasureResult } from '../measures/measure-result.js';
import type { BaselineTarget, Threshold } from '../model/common.js';
import type { ContractModel } from '../model/index.js';
import type { Measure } from '../model/measure.js';
import { showThreshold, thresholdValue } from '../payments/attainment.js';
import type { EvaluationContext } from '../payments/context.js';

/**
 * A figure judged against its baseline: `compared` with the baseline's figure and the level it had
 * to reach, or `no-baseline` when the baseline year has no scored figure (never read as zero).
 */
export interface BaselineComparison {
  status: 'compared' | 'no-baseline';
  /** The baseline figure: the measure's for the baseline year, or the declared value. */
  baseline?: Rational;
  /** The level the figure had to reach: the baseline moved by the target. */
  required?: Rational;
  /** Set when compared and the figure is scored. */
  met?: boolean;
  text: string;
}

/**
 * The months of every baseline year a contract's targets name: feeds and observations for them are
 * accepted beside the term's, since the targets are judged against them.
 */
export function baselineMonths(model: ContractModel): string[] {
  const targets = [...model.contract.monitors, ...(model.contract.pilot?.outcomes ?? [])];
  const years = new Set(
    targets.flatMap((t) => (t.baseline?.from.kind === 'year' ? [t.baseline.from.year] : [])),
  );
  return [...years].sort().flatMap((year) => monthsOfYear(year));
}

/** The target in words: `8 days below baseline 2025/26`, `60% below baseline 12.4`. */
export function describeBaselineTarget(target: Threshold, baseline: BaselineTarget): string {
  const from = baseline.from.kind === 'year' ? baseline.from.year : showThreshold(baseline.from.value);
  return `${describeThreshold(target)} ${baseline.direction} baseline ${from}`;
}

function describeThreshold(target: Threshold): string {
  if (target.kind === 'money') return `£${toDecimal(rational(BigInt(target.pence), 100n), 2)}`;
  const unit = durationUnit(target);
  if (unit && target.kind === 'duration')
    return `${toDecimal(div(fromDecimal(target.duration.amount), rational(unit.minutes)), 0)} ${unit.name}`;
  return showThreshold(target);
}

/**
 * A duration target's figures are shown in the unit it was written in, as near as the model keeps
 * it (durations are held in minutes): days when whole days, else hours when whole hours.
 */
function durationUnit(target: Threshold): { name: string; minutes: bigint } | undefined {
  if (target.kind !== 'duration' || target.duration.unit !== 'minutes') return undefined;
  const minutes = fromDecimal(target.duration.amount);
  const whole = (per: bigint) => div(minutes, rational(per)).d === 1n;
  if (whole(1440n)) return { name: 'days', minutes: 1440n };
  if (whole(60n)) return { name: 'hours', minutes: 60n };
  return { name: 'minutes', minutes: 1n };
}

/**
 * Compares a measure's figure with its baseline exactly. A percentage target is relative (60%
 * below: at most 40% of the baseline); any other is absolute (8 days below: at most baseline − 8).
 */
export function compareWithBaseline(
  context: EvaluationContext,
  measure: Measure,
  provider: string,
  result: MeasureResult,
  target: Threshold,
  baseline: BaselineTarget,
): BaselineComparison {
  const wanted = describeBaselineTarget(target, baseline);
  const show = (m: Measure, value: Rational) => showValue(m, value, durationUnit(target));
  const from = baselineFigure(context, measure, provider, baseline, show);
  if (from.value === undefined)
    return { status: 'no-baseline', text: `No baseline for ${wanted}: ${from.text}.` };
  const sign = baseline.direction === 'below' ? -1n : 1n;
  const step = target.kind === 'percent' ? mul(from.value, thresholdValue(target)) : thresholdValue(target);
  const required = add(from.value, mul(step, rational(sign)));
  const bound = baseline.direction === 'below' ? 'at most' : 'at least';
  const head = `Target ${wanted}: baseline ${from.text}, so ${bound} ${show(measure, required)}`;
  if (result.status !== 'scored' || result.value === undefined)
    return {
      status: 'compared',
      baseline: from.value,
      required,
      text: `${head}; ${result.period} has no figure to compare (${result.status.replace('-', ' ')}).`,
    };
  const order = compare(result.value, required);
  const met = baseline.direction === 'below' ? order <= 0 : order >= 0;
  const change = sub(result.value, from.value);
  const size = change.n < 0n ? mul(change, rational(-1n)) : change;
  const moved = `${change.n < 0n ? 'down' : 'up'} ${isShare(measure) && !durationUnit(target) ? `${toDecimal(mul(size, rational(100n)), 2)} percentage points` : show(measure, size)}`;
  const relative =
    from.value.n === 0n ? '' : ` (${toPercentText(mul(change, rational(from.value.d, from.value.n)), 2)})`;
  return {
    status: 'compared',
    baseline: from.value,
    required,
    met,
    text: `${head}; ${result.period} ${show(measure, result.value)}, ${moved}${relative}: ${met ? 'met' : 'not met'}.`,
  };
}

function baselineFigure(
  context: EvaluationContext,
  measure: Measure,
  provider: string,
  baseline: BaselineTarget,
  show: (measure: Measure, value: Rational) => string,
): { value?: Rational; text: string } {
  if (baseline.from.kind === 'value') {
    const value = thresholdValue(baseline.from.value);
    return { value, text: `${show(measure, value)} (declared)` };
  }
  const year = baseline.from.year;
  const result = context.measureResult(measure.name, provider, { kind: 'year', year });
  if (result.status !== 'scored' || result.value === undefined)
    return { text: `${measure.title} has ${result.status.replace('-', ' ')} for ${year}` };
  return { value: result.value, text: `${year} ${show(measure, result.value)}` };
}

const isShare = (measure: Measure) => ['proportion', 'coverage', 'paired'].includes(measure.scoring.kind);

/** A figure as the measure shows it: a percentage for proportions, a duration in the target's unit, otherwise a number. */
function showValue(measure: Measure, value: Rational, unit?: { name: string; minutes: bigint }): string {
  if (unit) return `${toDecimal(div(value, rational(unit.minutes)), 2)} ${unit.name}`;
  if (isShare(measure)) return toPercentText(value, 2);
  return toDecimal(value, 2);
}
