import { DomainError } from '../core/errors.js';
import type { Expression } from '../model/expression.js';
import type { Measure } from '../model/measure.js';
import { compileField } from './compile-leaves.js';
import { presenceOf } from './compile-membership.js';
import { compileExpression } from './compile-predicate.js';
import type { CompileScope, Condition, Quantity } from './compiled-value.js';
import type { DatasetReader } from './dataset-reader.js';
import type { FieldSlot } from './field-decoders.js';
import type { MeasurePopulations } from './measure-populations.js';

/** How one measure is tallied from a row: its populations, and what else its scoring keeps. */
export interface MeasurePlan {
  name: string;
  populations: MeasurePopulations;
  /** Mean, median, total and change: the value added for each denominator case where it is present. */
  value: Quantity | undefined;
  /** Median: keep every value, not only the sum. */
  keepValues: boolean;
  /** Paired: whose row it is, and whether the paired field is recorded. */
  paired: { person: FieldSlot; recorded: Condition } | undefined;
  /** Stratified: the field whose value names the stratum. */
  stratum: FieldSlot | undefined;
}

export function planMeasure(
  measure: Measure,
  populations: MeasurePopulations,
  reader: DatasetReader,
): MeasurePlan {
  // Values are quantities: a population reference in one is refused as not a number, so it needs no target.
  const scope: CompileScope = { reader, measure: measure.name, population: () => () => false };
  return {
    name: measure.name,
    populations,
    value: continuousValue(measure, scope),
    keepValues: measure.scoring.kind === 'median',
    paired: pairedOf(measure, scope),
    stratum: measure.stratifiedBy === undefined ? undefined : slotOf(measure, measure.stratifiedBy, reader),
  };
}

function continuousValue(measure: Measure, scope: CompileScope): Quantity | undefined {
  const { scoring } = measure;
  let expression: Expression;
  if (scoring.kind === 'mean' || scoring.kind === 'median' || scoring.kind === 'total')
    expression = scoring.value;
  else if (scoring.kind === 'change')
    expression = { kind: 'binary', operator: '-', left: scoring.value, right: scoring.baseline };
  else return undefined;
  const compiled = compileExpression(expression, scope);
  if (compiled.kind !== 'quantity') {
    throw new DomainError(
      'invalid-model',
      `Measure ${measure.name}: a ${scoring.kind} needs a number, money or duration to add up.`,
      { measure: measure.name },
    );
  }
  return compiled;
}

function pairedOf(measure: Measure, scope: CompileScope): MeasurePlan['paired'] {
  if (measure.scoring.kind !== 'paired') return undefined;
  const person = scope.reader.personSlot;
  if (!person) {
    throw new DomainError(
      'invalid-model',
      `Measure ${measure.name}: a paired measure needs a pseudonym field in dataset ${scope.reader.dataset.name} to tell whose record a row is.`,
      { measure: measure.name },
    );
  }
  return { person, recorded: presenceOf(compileField(measure.scoring.field, scope)) };
}

function slotOf(measure: Measure, field: string, reader: DatasetReader): FieldSlot {
  const slot = reader.slots.get(field);
  if (!slot)
    throw new DomainError(
      'invalid-model',
      `Measure ${measure.name} is stratified by '${field}', which is not a field of dataset ${reader.dataset.name}.`,
      { measure: measure.name },
    );
  return slot;
}
