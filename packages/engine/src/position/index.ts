/**
 * The position and the statement: everything the service, the playground and the editor show of a
 * contract on a date, from one evaluation pass, with the zod schemas that describe it as JSON.
 */
export {
  apportion,
  apportionedTotals,
  type CommissionerShare,
  commissionerShares,
} from './apportionment.js';
export { type ContractPosition, evaluatePosition } from './evaluate-position.js';
export { type SubContractFlowDown, withFlowDownMemoranda } from './flow-down-memoranda.js';
export { type IndicatorPosition, indicatorPositions, type ThresholdNeed } from './indicators.js';
export { lineJson } from './line-json.js';
export { type MeasureInPlay, measureFigures, measuresInPlay } from './measure-figures.js';
export {
  IndicatorFigure,
  MeasureFigure,
  MeasureView,
  MonitorFigure,
  PaymentLineJson,
  PilotFigure,
  Position,
  RiskShareFigure,
  Statement,
  TraceJson,
} from './schema.js';
export {
  linesInForce,
  type PricedLine,
  periodStart,
  pricedByPeriod,
  type VersionDate,
  type VersionLines,
  versionOn,
  versionsPricing,
} from './versions.js';
export { type PositionSource, positionFor, statementFor } from './views.js';
export { type WhatIf, whatIf } from './what-if.js';
