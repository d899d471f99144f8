import type { AggregateObservation, Observations } from '../measures/observations.js';
import type { ContractModel } from '../model/index.js';
import { type ContractResult, type EvaluateOptions, evaluate } from '../run/evaluate.js';

/** The money each payment line moves when some observations change: a what-if for a provider. */
export interface WhatIf {
  before: ContractResult;
  after: ContractResult;
  changes: { clause: string; period: string; provider: string; beforePence: bigint; afterPence: bigint }[];
}

/**
 * Re-evaluates a contract with some aggregate observations replaced (same measure, provider and
 * period) or added, and lists every line whose money moves.
 */
export async function whatIf(
  model: ContractModel,
  observations: Observations,
  replacements: AggregateObservation[],
  options: EvaluateOptions,
): Promise<WhatIf> {
  const key = (o: AggregateObservation) => `${o.measure}|${o.provider}|${o.period}`;
  const replaced = new Set(replacements.map(key));
  const changed = {
    ...observations,
    aggregates: [...(observations.aggregates ?? []).filter((o) => !replaced.has(key(o))), ...replacements],
  };
  const before = await evaluate(model, observations, options);
  const after = await evaluate(model, changed, options);
  const lineKey = (l: { kind: string; clause: string; period: string; provider: string }) =>
    `${l.kind}|${l.clause}|${l.period}|${l.provider}`;
  const beforeByKey = new Map(before.lines.map((l) => [lineKey(l), l.pence]));
  const changes = after.lines
    .map((l) => ({
      clause: l.clause,
      period: l.period,
      provider: l.provider,
      beforePence: beforeByKey.get(lineKey(l)) ?? 0n,
      afterPence: l.pence,
    }))
    .filter((c) => c.beforePence !== c.afterPence);
  return { before, after, changes };
}
