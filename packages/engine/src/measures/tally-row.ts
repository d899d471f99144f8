import type { FieldSlot } from './field-decoders.js';
import type { MeasurePlan } from './measure-plan.js';
import { PopulationStatus } from './measure-populations.js';
import type { RecordGroup } from './record-groups.js';
import type { RowContext } from './row-context.js';
import {
  addExactValue,
  addFastValue,
  addPersonMonth,
  countStatus,
  type TallyAccumulator,
} from './tally-accumulator.js';

/** Adds one decoded row to one measure's tallies in its group: the total and, if stratified, its stratum. */
export function tallyMeasure(
  plan: MeasurePlan,
  measure: number,
  group: RecordGroup,
  context: RowContext,
): void {
  const status = plan.populations.statusOf(context);
  if (status === PopulationStatus.Outside) return;
  const total = group.totals[measure] as TallyAccumulator;
  const stratum = plan.stratum ? group.stratum(measure, stratumKey(plan.stratum, context)) : undefined;
  countStatus(total.tally, status);
  if (stratum) countStatus(stratum.tally, status);
  if (status < PopulationStatus.Denominator) return;
  if (plan.value) addValue(plan, context, total, stratum);
  if (plan.paired) {
    const person = context.texts[plan.paired.person.index];
    if (person === undefined) return;
    const recorded = plan.paired.recorded(context);
    addPersonMonth(total.tally, person, group.month, recorded);
    if (stratum) addPersonMonth(stratum.tally, person, group.month, recorded);
  }
}

/** The stratum a row falls in: its value of the stratifying field as text, or 'unknown' when missing. */
function stratumKey(slot: FieldSlot, context: RowContext): string {
  if (slot.kind === 'text') return context.texts[slot.index] ?? 'unknown';
  const value = context.raw[slot.index];
  return value === undefined || value === null || value === '' ? 'unknown' : String(value);
}

function addValue(
  plan: MeasurePlan,
  context: RowContext,
  total: TallyAccumulator,
  stratum: TallyAccumulator | undefined,
): void {
  const value = plan.value as NonNullable<MeasurePlan['value']>;
  context.inexact = false;
  const units = value.read(context);
  if (!context.inexact) {
    if (Number.isNaN(units)) return;
    addFastValue(total, units, plan.keepValues);
    if (stratum) addFastValue(stratum, units, plan.keepValues);
    return;
  }
  context.inexact = false;
  const exact = value.exact(context);
  if (exact === undefined) return;
  addExactValue(total, exact, plan.keepValues);
  if (stratum) addExactValue(stratum, exact, plan.keepValues);
}
