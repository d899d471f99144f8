import { monthsOfYear, QUARTERS } from '../calendar/index.js';
import type { Period } from '../calendar/periods.js';
import { toDecimal } from '../core/rational.js';
import { evaluateMeasure } from '../measures/evaluate-measure.js';
import type { MeasureResult } from '../measures/measure-result.js';
import type { ContractModel } from '../model/index.js';
import type { EvaluationContext } from '../payments/context.js';
import { monitoredProviders } from '../run/monitors.js';
import type { MeasureFigure, MeasureView } from './schema.js';

/** A measure the contract pays or monitors, and the provider accountable for it ('*' for all). */
export interface MeasureInPlay {
  measure: string;
  provider: string;
}

/** Measures the contract pays or monitors, with the providers accountable for each. */
export function measuresInPlay(model: ContractModel): MeasureInPlay[] {
  const odsOf = (name?: string) => model.organisations.find((o) => o.name === name)?.ods;
  const delivering = model.contract.parties
    .filter((p) => p.role === 'provider' || p.role === 'prime')
    .map((p) => p.ods);
  const fallback = delivering.length === 1 ? (delivering[0] as string) : '*';
  const pairs = new Map<string, MeasureInPlay>();
  const add = (measure: string | undefined, provider: string) => {
    if (measure) pairs.set(`${measure}|${provider}`, { measure, provider });
  };
  for (const scheme of model.contract.schemes)
    for (const i of scheme.indicators) {
      add(i.measure, odsOf(i.accountable) ?? fallback);
      // An indicator in parts is assessed on each part's measure.
      for (const part of i.parts ?? [])
        add(part.measure, odsOf(part.accountable ?? i.accountable) ?? fallback);
    }
  // Each provider's own figure for a monitor, never one pooled across providers.
  for (const monitor of model.contract.monitors)
    for (const provider of monitoredProviders(model, monitor)) add(monitor.measure, provider);
  for (const activity of model.contract.activities) add(activity.measure, fallback);
  for (const outcome of model.contract.pilot?.outcomes ?? []) add(outcome.measure, '*');
  return [...pairs.values()];
}

/**
 * Every measure in play by provider, for each month and quarter of the year and the year, and —
 * once a month has ended — year to date and rolling 12 months to the last month begun by the as-of
 * date. Read from the evaluation's own context: no data is read again.
 */
export function measureFigures(context: EvaluationContext, asOf: string): MeasureFigure[] {
  const year = context.model.contract.year;
  const months = monthsOfYear(year);
  const lastMonth = months.filter((m) => `${m}-01` <= asOf).at(-1);
  const views: [Period, MeasureView][] = [
    ...months.map((month): [Period, MeasureView] => [{ kind: 'month', month }, 'month']),
    ...QUARTERS.map((quarter): [Period, MeasureView] => [{ kind: 'quarter', year, quarter }, 'quarter']),
    [{ kind: 'year', year }, 'year'],
  ];
  const figures: MeasureFigure[] = [];
  for (const pair of measuresInPlay(context.model)) {
    const measure = context.model.measures.find((m) => m.name === pair.measure);
    if (!measure) continue;
    for (const [period, view] of views)
      figures.push(figureOf(context.measureResult(pair.measure, pair.provider, period), measure.title, view));
    if (!lastMonth) continue;
    for (const [basis, view] of [
      [{ kind: 'year-to-date' as const }, 'year-to-date'],
      [{ kind: 'rolling' as const, months: 12 }, 'rolling-12-months'],
    ] as const) {
      // The same tallies seen over a different span: the measure with its period basis replaced.
      const variant = {
        ...context,
        model: {
          ...context.model,
          measures: context.model.measures.map((m) =>
            m.name === pair.measure ? { ...m, period: basis } : m,
          ),
        },
      };
      const result = evaluateMeasure(variant, pair.measure, pair.provider, {
        kind: 'month',
        month: lastMonth,
      });
      figures.push(figureOf(result, measure.title, view));
    }
  }
  return figures;
}

function figureOf(result: MeasureResult, title: string, view: MeasureView): MeasureFigure {
  return {
    measure: result.measure,
    title,
    provider: result.provider,
    period:
      view === 'year-to-date' || view === 'rolling-12-months' ? `${view} to ${result.period}` : result.period,
    view,
    status: result.status,
    value: result.value ? toDecimal(result.value, 6) : undefined,
    numerator: result.numerator?.toString(),
    denominator: result.denominator?.toString(),
    provisional: result.provisional,
    explanation: result.trace.text,
  };
}
