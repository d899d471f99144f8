import { QUARTERS } from '../calendar/index.js';
import type { Period } from '../calendar/periods.js';
import { toDecimal } from '../core/rational.js';
import { WHOLE_CONTRACT } from '../measures/aggregate-index.js';
import { evaluateMeasure } from '../measures/evaluate-measure.js';
import { evaluateStrata, strataOf } from '../measures/strata.js';
import type { EvaluationContext } from '../payments/context.js';
import { measuresInPlay } from './measure-figures.js';
import type { MeasureView, StratumFigure } from './schema.js';

/**
 * Each group's figures of every stratified measure in play, by quarter and for the year: for each
 * provider on its own records and, for the commissioner, for all providers together. A group
 * whose denominator is below the stratum minimum is insufficient data, never a percentage.
 */
export function strataFigures(context: EvaluationContext): StratumFigure[] {
  const year = context.model.contract.year;
  const views: [Period, MeasureView][] = [
    ...QUARTERS.map((quarter): [Period, MeasureView] => [{ kind: 'quarter', year, quarter }, 'quarter']),
    [{ kind: 'year', year }, 'year'],
  ];
  const figures: StratumFigure[] = [];
  const seen = new Set<string>();
  for (const pair of measuresInPlay(context.model)) {
    const measure = context.model.measures.find((m) => m.name === pair.measure);
    if (!measure?.stratifiedBy || measure.from?.kind !== 'dataset') continue;
    const providers =
      pair.provider === WHOLE_CONTRACT
        ? [WHOLE_CONTRACT, ...(context.tallies.get(measure.name)?.keys() ?? [])]
        : [pair.provider];
    for (const provider of providers) {
      if (seen.has(`${measure.name}|${provider}`) || strataOf(context, measure.name, provider).length === 0)
        continue;
      seen.add(`${measure.name}|${provider}`);
      for (const [period, view] of views)
        for (const result of evaluateStrata(context, measure.name, provider, period, evaluateMeasure))
          figures.push({
            measure: result.measure,
            title: measure.title,
            stratifiedBy: measure.stratifiedBy,
            stratum: result.stratum ?? '',
            provider: result.provider,
            period: result.period,
            view,
            status: result.status,
            value: result.value ? toDecimal(result.value, 6) : undefined,
            numerator: result.numerator?.toString(),
            denominator: result.denominator?.toString(),
            provisional: result.provisional,
            explanation: result.trace.text,
          });
    }
  }
  return figures;
}
