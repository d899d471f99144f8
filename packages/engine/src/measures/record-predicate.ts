import { parseMonthIndex } from '../calendar/index.js';
import { DomainError } from '../core/errors.js';
import type { Expression } from '../model/expression.js';
import type { ContractModel } from '../model/index.js';
import { compileCondition } from './compile-predicate.js';
import { createDatasetReader } from './dataset-reader.js';
import { compilePopulations, referTo } from './measure-populations.js';
import type { RecordRow } from './observations.js';
import { createRowContext } from './row-context.js';

/** A compiled condition over one row of a dataset; `month` (YYYY-MM) overrides the month the row would be placed in. */
export type RecordPredicate = (row: RecordRow, month?: string) => boolean;

/**
 * Compiles a population expression over a dataset's rows, once, for use outside a tally: a check
 * of one record, or a test of the expression's semantics. Each call validates the row as a tally
 * would; `numerator of M` and `denominator of M` refer to measures scored from the same dataset.
 */
export function compilePredicate(
  model: ContractModel,
  datasetName: string,
  expression: Expression,
): RecordPredicate {
  const dataset = model.datasets.find((candidate) => candidate.name === datasetName);
  if (!dataset)
    throw new DomainError('unknown-dataset', `The model has no dataset called ${datasetName}.`, {
      dataset: datasetName,
    });
  const reader = createDatasetReader(dataset);
  const resolve = compilePopulations(model.measures, reader);
  const test = compileCondition(expression, {
    reader,
    measure: 'expression',
    population: (part, measure) => referTo(resolve(measure), part),
  });
  const context = createRowContext(dataset.fields.length);
  return (row, month) => {
    const monthIndex = month === undefined ? Number.NaN : parseMonthIndex(month);
    if (month !== undefined && Number.isNaN(monthIndex))
      throw new DomainError('invalid-record', `'${month}' is not a month written YYYY-MM.`);
    context.stamp++;
    context.rowNumber = 1;
    reader.read(month === undefined || dataset.datedBy !== undefined ? row : { ...row, month }, context);
    if (month !== undefined) context.monthIndex = monthIndex;
    return test(context);
  };
}
