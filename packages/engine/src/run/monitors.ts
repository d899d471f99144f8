import { compare } from '../core/rational.js';
import type { MeasureResult } from '../measures/measure-result.js';
import type { BaselineTarget, Threshold } from '../model/common.js';
import type { Monitor } from '../model/contract.js';
import type { ContractModel } from '../model/index.js';
import { formatPence } from '../money.js';
import { thresholdValue } from '../payments/attainment.js';
import type { EvaluationContext } from '../payments/context.js';
import { type BaselineComparison, compareWithBaseline, describeBaselineTarget } from './baseline.js';

/** A monitored measure for one provider: its figure for the year and, when it has a target, whether it meets it. */
export interface MonitorResult {
  measure: string;
  provider: string;
  /** The target as written (`95%`, `2`); absent for a measure monitored without one. */
  target?: string;
  /** Whether the provider's own figure meets the target; absent when there is no target. */
  met?: boolean;
  /** For a target on a baseline: the baseline, the level required and the comparison in words. */
  baseline?: BaselineComparison;
  result: MeasureResult;
}

/**
 * The providers a monitor is read for: the one accountable, else each delivering provider on its
 * own data (one provider's figure is never another's), or the contract as a whole when it has one.
 */
export function monitoredProviders(model: ContractModel, monitor: Pick<Monitor, 'accountable'>): string[] {
  const accountable = model.organisations.find((o) => o.name === monitor.accountable)?.ods;
  if (accountable) return [accountable];
  const delivering = model.contract.parties
    .filter((p) =>
      model.contract.parent ? p.role === 'subcontractor' : p.role === 'provider' || p.role === 'prime',
    )
    .map((p) => p.ods);
  return delivering.length > 1 ? [...new Set(delivering)] : ['*'];
}

/** Every monitor for each provider it is read for, each judged on that provider's own figure. */
export function evaluateMonitors(context: EvaluationContext): MonitorResult[] {
  const year = context.model.contract.year;
  return context.model.contract.monitors.flatMap((monitor) =>
    monitoredProviders(context.model, monitor).map((provider) => {
      const result = context.measureResult(monitor.measure, provider, { kind: 'year', year });
      if (!monitor.target) return { measure: monitor.measure, provider, result };
      if (monitor.baseline) return againstBaseline(context, monitor, provider, result);
      return {
        measure: monitor.measure,
        provider,
        target: describeTarget(monitor.target),
        met: meetsTarget(context, monitor.measure, result, monitor.target),
        result,
      };
    }),
  );
}

/** A monitor whose target is an improvement on a baseline; without a baseline figure it has no verdict. */
function againstBaseline(
  context: EvaluationContext,
  monitor: Monitor,
  provider: string,
  result: MeasureResult,
): MonitorResult {
  const measure = context.model.measures.find((m) => m.name === monitor.measure);
  const target = monitor.target as Threshold;
  const baseline = monitor.baseline as BaselineTarget;
  const described = describeBaselineTarget(target, baseline);
  if (!measure) return { measure: monitor.measure, provider, target: described, result };
  const comparison = compareWithBaseline(context, measure, provider, result, target, baseline);
  return {
    measure: monitor.measure,
    provider,
    target: described,
    ...(comparison.met !== undefined && { met: comparison.met }),
    baseline: comparison,
    result,
  };
}

/** Whether a scored figure meets a target in the measure's direction (at most, when lower is better). */
export function meetsTarget(
  context: EvaluationContext,
  measureName: string,
  result: MeasureResult,
  target: Threshold,
): boolean {
  const measure = context.model.measures.find((m) => m.name === measureName);
  if (result.status !== 'scored' || result.value === undefined || !measure) return false;
  const order = compare(result.value, thresholdValue(target));
  return measure.direction === 'lower' ? order <= 0 : order >= 0;
}

function describeTarget(target: Threshold): string {
  switch (target.kind) {
    case 'percent':
      return `${target.percent}%`;
    case 'money':
      return formatPence(BigInt(target.pence));
    case 'duration':
      return `${target.duration.amount} ${target.duration.unit}`;
    default:
      return target.value;
  }
}
