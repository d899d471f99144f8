import { dateOfDayNumber, dayAfterMonth } from '../calendar/index.js';
import type { MeasureResult } from '../measures/measure-result.js';
import type { EvaluationContext } from '../payments/context.js';
import { type BaselineComparison, compareWithBaseline } from './baseline.js';
import { meetsTarget } from './monitors.js';

/** A pilot outcome for the contract as a whole: the measure's figure for the year against its target. */
export interface PilotOutcome {
  measure: string;
  provider: string;
  met: boolean;
  /** For a target on a baseline: the comparison; an outcome with no baseline figure is not met. */
  baseline?: BaselineComparison;
  result: MeasureResult;
}

/**
 * Whether a pilot continues: `pending` before its review date (the outcomes so far are shown, but
 * nothing is decided on them), then `continues` or `ends` on the outcomes as they stand.
 */
export type PilotDecision = 'pending' | 'continues' | 'ends';

export interface PilotResult {
  /** The date the continuation is decided (`YYYY-MM-DD`): the review date, else the day after the term. */
  review: string;
  decision: PilotDecision;
  /** Set once decided: whether the pilot continues. */
  continues?: boolean;
  outcomes: PilotOutcome[];
}

/** A pilot's outcomes for the year and, from its review date on, whether it continues. */
export function evaluatePilot(context: EvaluationContext): PilotResult | undefined {
  const pilot = context.model.contract.pilot;
  if (!pilot) return undefined;
  const year = context.model.contract.year;
  const outcomes = pilot.outcomes.map((outcome) => {
    const result = context.measureResult(outcome.measure, '*', { kind: 'year', year });
    const measure = context.model.measures.find((m) => m.name === outcome.measure);
    if (outcome.baseline && measure) {
      const baseline = compareWithBaseline(context, measure, '*', result, outcome.target, outcome.baseline);
      return { measure: outcome.measure, provider: '*', met: baseline.met === true, baseline, result };
    }
    const met = meetsTarget(context, outcome.measure, result, outcome.target);
    return { measure: outcome.measure, provider: '*', met, result };
  });
  const review = pilot.review ?? dateOfDayNumber(dayAfterMonth(context.model.contract.term.end));
  if (context.asOf < review) return { review, decision: 'pending', outcomes };
  const metCount = outcomes.filter((o) => o.met).length;
  const continues =
    pilot.continueIf.kind === 'all' ? metCount === outcomes.length : metCount >= pilot.continueIf.required;
  return { review, decision: continues ? 'continues' : 'ends', continues, outcomes };
}
