import { DomainError } from '../core/errors.js';
import type { Measure } from '../model/measure.js';
import { compileCondition } from './compile-predicate.js';
import type { CompileScope, Condition } from './compiled-value.js';
import type { DatasetReader } from './dataset-reader.js';
import type { RowContext } from './row-context.js';

/**
 * Where a row falls in a measure's populations, by the CMS/HL7 precedence: a denominator exclusion
 * wins over everything; a case meeting the numerator is never an exception; numerator exclusions
 * apply only to cases meeting the numerator. Ordered so that `>= Denominator` means "counted in the
 * denominator" and `>= NumeratorExcluded` means "met the numerator".
 */
export const PopulationStatus = {
  Outside: 0,
  Excluded: 1,
  Excepted: 2,
  Denominator: 3,
  NumeratorExcluded: 4,
  Numerator: 5,
} as const;

export interface MeasurePopulations {
  measure: Measure;
  /** The row's status for this measure, computed once per row however many measures ask. */
  statusOf(context: RowContext): number;
}

/** The measures scored from a dataset, with any measures their populations refer to. */
export function measuresFromDataset(measures: Measure[], datasetName: string): Measure[] {
  return measures.filter((measure) => measure.from?.kind === 'dataset' && measure.from.name === datasetName);
}

/**
 * Compiles each measure's populations once. `numerator of M` and `denominator of M` refer to M's
 * final populations on the same row, so M must be scored from the same dataset; cycles are refused.
 */
export function compilePopulations(
  measures: Measure[],
  reader: DatasetReader,
): (name: string) => MeasurePopulations {
  const byName = new Map(measures.map((measure) => [measure.name, measure]));
  const compiled = new Map<string, MeasurePopulations>();
  const inProgress: string[] = [];

  function resolve(name: string, from?: string): MeasurePopulations {
    const done = compiled.get(name);
    if (done) return done;
    const measure = byName.get(name);
    if (!measure)
      throw new DomainError(
        'unknown-measure',
        `Measure ${from ?? name} refers to measure ${name}, which the model does not define.`,
        { measure: name },
      );
    if (measure.from?.kind !== 'dataset' || measure.from.name !== reader.dataset.name) {
      throw new DomainError(
        'invalid-model',
        `Measure ${from} refers to the populations of ${name}, which is not scored from dataset ${reader.dataset.name}.`,
        { measure: from },
      );
    }
    if (inProgress.includes(name)) {
      throw new DomainError(
        'invalid-model',
        `Measures refer to each other's populations in a circle: ${[...inProgress, name].join(' → ')}.`,
        { measure: name },
      );
    }
    inProgress.push(name);
    const populations = compileMeasure(measure, {
      reader,
      measure: name,
      population: (part, target) => referTo(resolve(target, name), part),
    });
    inProgress.pop();
    compiled.set(name, populations);
    return populations;
  }
  return (name) => resolve(name);
}

/** `numerator of M` (in M's final numerator) or `denominator of M` (counted in M's denominator). */
export function referTo(target: MeasurePopulations, part: 'numerator' | 'denominator'): Condition {
  return part === 'numerator'
    ? (context) => target.statusOf(context) === PopulationStatus.Numerator
    : (context) => target.statusOf(context) >= PopulationStatus.Denominator;
}

function compileMeasure(measure: Measure, scope: CompileScope): MeasurePopulations {
  const denominator = measure.denominator ? compileCondition(measure.denominator, scope) : () => true;
  const numerator = measure.numerator ? compileCondition(measure.numerator, scope) : () => false;
  const exclusions = measure.exclusions.map((expression) => compileCondition(expression, scope));
  const exceptions = measure.exceptions.map((expression) => compileCondition(expression, scope));
  const numeratorExclusions = measure.numeratorExclusions.map((expression) =>
    compileCondition(expression, scope),
  );

  function classify(context: RowContext): number {
    if (!denominator(context)) return PopulationStatus.Outside;
    if (anyHolds(exclusions, context)) return PopulationStatus.Excluded;
    if (numerator(context))
      return anyHolds(numeratorExclusions, context)
        ? PopulationStatus.NumeratorExcluded
        : PopulationStatus.Numerator;
    return anyHolds(exceptions, context) ? PopulationStatus.Excepted : PopulationStatus.Denominator;
  }

  let stamp = -1;
  let status = 0;
  return {
    measure,
    statusOf(context) {
      if (context.stamp !== stamp) {
        status = classify(context);
        stamp = context.stamp;
      }
      return status;
    },
  };
}

function anyHolds(conditions: Condition[], context: RowContext): boolean {
  for (let i = 0; i < conditions.length; i++) if ((conditions[i] as Condition)(context)) return true;
  return false;
}
