import {
  evaluateMeasure,
  type MeasureResult,
  type PaymentLine,
  type Period,
  periods,
  toDecimal,
} from '@parity/engine';
import type { ContractEvaluation } from './evaluate-contract.js';

/** A measure's figures for one provider and period, as the service shows them. */
export interface MeasureFigure {
  measure: string;
  title: string;
  provider: string;
  period: string;
  view: 'month' | 'quarter' | 'year-to-date' | 'rolling-12-months' | 'year';
  status: string;
  value?: string;
  numerator?: string;
  denominator?: string;
  provisional: boolean;
  explanation: string;
}

/** Measures the contract pays or monitors, with the providers accountable for each. */
export function measuresInPlay(evaluation: ContractEvaluation): { measure: string; provider: string }[] {
  const { model } = evaluation;
  const odsOf = (name?: string) => model.organisations.find((o) => o.name === name)?.ods;
  const delivering = model.contract.parties
    .filter((p) => p.role === 'provider' || p.role === 'prime')
    .map((p) => p.ods);
  const fallback = delivering.length === 1 ? (delivering[0] as string) : '*';
  const pairs = new Map<string, { measure: string; provider: string }>();
  const add = (measure: string | undefined, provider: string) => {
    if (measure) pairs.set(`${measure}|${provider}`, { measure, provider });
  };
  for (const scheme of model.contract.schemes)
    for (const i of scheme.indicators) add(i.measure, odsOf(i.accountable) ?? fallback);
  for (const monitor of model.contract.monitors) add(monitor.measure, odsOf(monitor.accountable) ?? fallback);
  for (const activity of model.contract.activities) add(activity.measure, fallback);
  for (const outcome of model.contract.pilot?.outcomes ?? []) add(outcome.measure, '*');
  return [...pairs.values()];
}

/** Every measure by provider for each month and quarter of the year, year to date and rolling 12 months. */
export function measureFigures(
  evaluation: ContractEvaluation,
  asOf: string,
  provider?: string,
): MeasureFigure[] {
  const { context } = evaluation.evaluation;
  const year = evaluation.model.contract.year;
  const lastMonth = periods
    .monthsOfYear(year)
    .filter((m) => `${m}-01` <= asOf)
    .at(-1);
  const figures: MeasureFigure[] = [];
  for (const pair of measuresInPlay(evaluation)) {
    if (provider && pair.provider !== provider && pair.provider !== '*') continue;
    const measure = evaluation.model.measures.find((m) => m.name === pair.measure);
    if (!measure) continue;
    const views: [Period, MeasureFigure['view']][] = [
      ...periods
        .monthsOfYear(year)
        .map((month): [Period, MeasureFigure['view']] => [{ kind: 'month', month }, 'month']),
      ...periods.QUARTERS.map((quarter): [Period, MeasureFigure['view']] => [
        { kind: 'quarter', year, quarter },
        'quarter',
      ]),
      [{ kind: 'year', year }, 'year'],
    ];
    for (const [period, view] of views)
      figures.push(figureOf(context.measureResult(pair.measure, pair.provider, period), measure.title, view));
    if (lastMonth) {
      for (const [basis, view] of [
        [{ kind: 'year-to-date' as const }, 'year-to-date'],
        [{ kind: 'rolling' as const, months: 12 }, 'rolling-12-months'],
      ] as const) {
        // The same data seen over a different span: the measure with its period basis replaced.
        const variant = {
          ...context,
          model: {
            ...context.model,
            measures: context.model.measures.map((m) =>
              m.name === pair.measure ? { ...m, period: basis } : m,
            ),
          },
        };
        figures.push(
          figureOf(
            evaluateMeasure(variant, pair.measure, pair.provider, { kind: 'month', month: lastMonth }),
            measure.title,
            view,
          ),
        );
      }
    }
  }
  return figures;
}

function figureOf(result: MeasureResult, title: string, view: MeasureFigure['view']): MeasureFigure {
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

/**
 * A payment line as JSON: pence as a digit string, never a float. The readable explanation always
 * comes with it; the structured trace (clause location, inputs, formula, rounding) is included
 * where finance needs to re-check it, in statements.
 */
export function lineJson(line: PaymentLine, withTrace = true) {
  return {
    kind: line.kind,
    clause: line.clause,
    scheme: line.scheme,
    provider: line.provider,
    period: line.period,
    pence: line.pence.toString(),
    pounds: toDecimal({ n: line.pence, d: 100n }, 2),
    status: line.status,
    attainment: line.attainment,
    provisional: line.provisional,
    explanation: line.trace.text,
    ...(withTrace ? { trace: line.trace } : {}),
  };
}
