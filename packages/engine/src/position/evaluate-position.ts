import type { Observations } from '../measures/observations.js';
import type { ContractModel } from '../model/index.js';
import { type ContractResult, type EvaluateOptions, evaluateInContext } from '../run/evaluate.js';
import { type CommissionerShare, commissionerShares } from './apportionment.js';
import { type IndicatorPosition, indicatorPositions } from './indicators.js';
import { measureFigures } from './measure-figures.js';
import type { IndicatorFigure, MeasureFigure, StratumFigure } from './schema.js';
import { strataFigures } from './strata-figures.js';
import type { PricedLine } from './versions.js';

/**
 * Everything shown of a contract on a date — measures by view, indicators with their forecasts and
 * needs, payment lines, monitors, the pilot and risk shares — computed in one evaluation pass over
 * the observations. `positionFor` and `statementFor` then select what one reader may see.
 */
export interface ContractPosition {
  model: ContractModel;
  asOf: string;
  result: ContractResult;
  measures: MeasureFigure[];
  /** Each group's figures of the stratified measures in play. */
  strata: StratumFigure[];
  indicators: IndicatorFigure[];
  /**
   * The payment lines when they were priced period by period by several versions, each naming its
   * own (see `pricedByPeriod`); otherwise `result.lines`, all priced by the position's version.
   */
  lines?: readonly PricedLine[];
  /** A prime's memorandum lines: what flows down to each sub-contractor and what it keeps. */
  memoranda?: readonly PricedLine[];
  /** Each commissioner's share of every line, when several fund the contract. */
  commissionerShares?: CommissionerShare[];
}

/**
 * Evaluates a contract once against its observations as of a date (see `evaluate`) and derives
 * every figure a position or statement shows from that one evaluation: record streams are read
 * once, aggregates indexed once.
 */
export async function evaluatePosition(
  model: unknown,
  observations: Observations,
  options: EvaluateOptions,
): Promise<ContractPosition> {
  const { context, result } = await evaluateInContext(model, observations, options);
  return {
    model: context.model,
    asOf: options.asOf,
    result,
    measures: measureFigures(context, options.asOf),
    commissionerShares: commissionerShares(context.model, context),
    strata: strataFigures(context),
    indicators: indicatorPositions(context, options.asOf, result.lines).map(indicatorJson),
  };
}

function indicatorJson(position: IndicatorPosition): IndicatorFigure {
  return {
    ...position,
    yearToDate: position.yearToDate && {
      ...position.yearToDate,
      numerator: position.yearToDate.numerator.toString(),
      denominator: position.yearToDate.denominator.toString(),
    },
    forecast: position.forecast && {
      ...position.forecast,
      denominator: position.forecast.denominator.toString(),
      pence: position.forecast.pence.toString(),
    },
    needs: position.needs.map((n) => ({ ...n, neededNumerator: n.neededNumerator.toString() })),
  };
}
