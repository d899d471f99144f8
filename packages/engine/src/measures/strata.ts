import type { Period } from '../calendar/periods.js';
import {
  compare,
  div,
  mul,
  type Rational,
  rational,
  sub,
  toDecimal,
  toPercentText,
} from '../core/rational.js';
import type { Measure } from '../model/measure.js';
import { WHOLE_CONTRACT } from './aggregate-index.js';
import type { MeasureContext } from './evaluate-measure.js';
import type { MeasureResult } from './measure-result.js';

/** `evaluateMeasure`, passed in so this module does not import its caller. */
export type EvaluateStratum = (
  context: MeasureContext,
  measureName: string,
  provider: string,
  period: Period,
  stratum?: string,
) => MeasureResult;

/** The groups a stratified measure's records fall in, for a provider (or all providers), in order. */
export function strataOf(context: MeasureContext, measureName: string, provider: string): string[] {
  const byProvider = context.tallies.get(measureName);
  if (!byProvider) return [];
  const providers = provider === WHOLE_CONTRACT ? [...byProvider.keys()] : [provider];
  const keys = new Set<string>();
  for (const p of providers)
    for (const strata of byProvider.get(p)?.values() ?? [])
      for (const key of strata.keys()) if (key !== '') keys.add(key);
  return [...keys].sort();
}

/** Each group's figure for a period: only the groups with records in it. */
export function evaluateStrata(
  context: MeasureContext,
  measureName: string,
  provider: string,
  period: Period,
  evaluate: EvaluateStratum,
): MeasureResult[] {
  return strataOf(context, measureName, provider)
    .map((stratum) => evaluate(context, measureName, provider, period, stratum))
    .filter((result) => result.status !== 'no-data');
}

type Base = Pick<MeasureResult, 'measure' | 'provider' | 'period' | 'provisional'>;

/**
 * Parity between groups of a stratified measure, exactly: the gap (highest less lowest, or the
 * group less the rest) or the ratio (lowest over highest, or the group over the rest), each
 * group scored as a proportion. Groups below the stratum minimum are left out and named; with
 * fewer than two groups to compare the result is insufficient data.
 */
export function scoreParityBetweenStrata(
  context: MeasureContext,
  measure: Measure,
  provider: string,
  period: Period,
  base: Base,
  evaluate: EvaluateStratum,
): MeasureResult {
  const scoring = measure.scoring;
  if (scoring.kind !== 'parity' || !scoring.between) throw new Error('not parity between strata');
  const field = measure.stratifiedBy ?? 'stratum';
  const results = evaluateStrata(context, measure.name, provider, period, evaluate);
  const short = results.filter((r) => r.status === 'insufficient-data').map((r) => r.stratum);
  const leftOut = short.length > 0 ? `; ${short.join(', ')} left out (denominator below the minimum)` : '';
  const inputs = Object.fromEntries(results.map((r) => [r.stratum ?? '', shown(r)]));
  const insufficient = (why: string): MeasureResult => ({
    ...base,
    status: 'insufficient-data',
    trace: traceOf(measure, base, provider, inputs, why, `insufficient data (${why}${leftOut})`),
  });
  let own: Group;
  let other: Group;
  if (scoring.between.kind === 'best-and-worst') {
    const scored = results
      .filter((r) => r.status === 'scored' && r.value)
      .sort((a, b) => compare(a.value as Rational, b.value as Rational));
    const lowest = scored[0];
    const highest = scored.at(-1);
    if (!lowest || !highest || scored.length < 2)
      return insufficient(`fewer than two ${field} groups with enough data to compare`);
    // The gap is the highest less the lowest; the ratio the lowest over the highest.
    [own, other] =
      scoring.form === 'gap'
        ? [groupOf(highest, 'highest'), groupOf(lowest, 'lowest')]
        : [groupOf(lowest, 'lowest'), groupOf(highest, 'highest')];
  } else {
    const group = scoring.between.group;
    const found = results.find((r) => r.stratum === group);
    if (found?.status !== 'scored' || !found.value)
      return insufficient(
        found ? `${field} ${group} has too few to score` : `no records for ${field} ${group}`,
      );
    const rest = restOf(context, measure, provider, period, found, evaluate);
    if (!rest) return insufficient(`the rest (other than ${group}) have too few to score`);
    [own, other] = [groupOf(found, group), rest];
  }
  if (scoring.form === 'ratio' && other.value.n === 0n)
    return insufficient(`${other.label} scores 0%, so no ratio can be taken`);
  const value = scoring.form === 'gap' ? sub(own.value, other.value) : div(own.value, other.value);
  const formula = `${own.label} ${own.text} ${scoring.form === 'gap' ? 'less' : 'over'} ${other.label} ${other.text}`;
  const figure =
    scoring.form === 'gap'
      ? `gap of ${toDecimal(mul(value, rational(100n)), 2)} percentage points`
      : `ratio ${toDecimal(value, 3)}`;
  return {
    ...base,
    value,
    status: 'scored',
    trace: traceOf(measure, base, provider, inputs, formula, `${figure} by ${field}: ${formula}${leftOut}`),
  };
}

interface Group {
  label: string;
  value: Rational;
  text: string;
}

function groupOf(result: MeasureResult, role: string): Group {
  const label = role === result.stratum ? role : `${role} ${result.stratum}`;
  return { label, value: result.value as Rational, text: shown(result) };
}

/** Everyone outside the named group: the whole less the group, against the stratum minimum. */
function restOf(
  context: MeasureContext,
  measure: Measure,
  provider: string,
  period: Period,
  group: MeasureResult,
  evaluate: EvaluateStratum,
): Group | undefined {
  const whole = evaluate(context, measure.name, provider, period, '');
  if (whole.numerator === undefined || whole.denominator === undefined) return undefined;
  const numerator = whole.numerator - (group.numerator ?? 0n);
  const denominator = whole.denominator - (group.denominator ?? 0n);
  const minimum = BigInt(measure.stratumMinimumDenominator ?? measure.minimumDenominator ?? 1);
  if (denominator === 0n || denominator < minimum) return undefined;
  const value = rational(numerator, denominator);
  return { label: 'the rest', value, text: `${toPercentText(value, 2)} (${numerator} of ${denominator})` };
}

function shown(result: MeasureResult): string {
  if (result.status !== 'scored' || !result.value)
    return `${result.status.replace('-', ' ')} (${result.numerator ?? 0} of ${result.denominator ?? 0})`;
  return `${toPercentText(result.value, 2)} (${result.numerator} of ${result.denominator})`;
}

function traceOf(
  measure: Measure,
  base: Base,
  provider: string,
  inputs: Record<string, string>,
  formula: string,
  text: string,
) {
  const who = provider === WHOLE_CONTRACT ? '' : `, ${provider}`;
  return {
    clause: measure.name,
    location: measure.location,
    inputs,
    formula,
    text: `Measure ${measure.title}, ${base.period}${who}: ${text}`,
  };
}
