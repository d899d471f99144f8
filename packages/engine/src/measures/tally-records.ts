import { DomainError } from '../core/errors.js';
import type { ContractModel } from '../model/index.js';
import { createDatasetReader, type DatasetReader, invalidRecord } from './dataset-reader.js';
import { type MeasurePlan, planMeasure } from './measure-plan.js';
import { compilePopulations, measuresFromDataset } from './measure-populations.js';
import type { RecordRow, RecordSource } from './observations.js';
import { collectTallies, RecordGroup } from './record-groups.js';
import { createRowBytesWriter, writeRowsHeader } from './row-bytes.js';
import { createRowContext, type RowContext } from './row-context.js';
import { nobleSha256, type Sha256Factory } from './row-hash.js';
import type { RecordTallies } from './tally.js';
import { tallyMeasure } from './tally-row.js';

export interface RecordTallyOptions {
  /** The sha256 behind `rowsHash`; noble's pure-JavaScript one unless a faster one is given. */
  sha256?: Sha256Factory;
}

/** Tallies rows one at a time, for a caller that reads them in its own way (batches, pages). */
export interface RecordTallier {
  /** Validates a row and adds it to every measure scored from the dataset; throws DomainError on bad input. */
  add(row: RecordRow): void;
  /** The tallies so far, with each group's rows hash. Call once, after the last row. */
  finish(): RecordTallies;
}

/**
 * Compiles every measure scored `from` a dataset once, and returns a tallier for its rows. Each row
 * is placed in its provider and month (the month of the dataset's `dated by` field, else the row's
 * `month`), hashed once as read (see row-bytes.ts), and counted in each measure's populations.
 */
export function createRecordTallier(
  model: ContractModel,
  datasetName: string,
  options: RecordTallyOptions = {},
): RecordTallier {
  const dataset = model.datasets.find((candidate) => candidate.name === datasetName);
  if (!dataset)
    throw new DomainError('unknown-dataset', `The model has no dataset called ${datasetName}.`, {
      dataset: datasetName,
    });
  const reader = createDatasetReader(dataset);
  const resolve = compilePopulations(model.measures, reader);
  const plans = measuresFromDataset(model.measures, datasetName).map((measure) =>
    planMeasure(measure, resolve(measure.name), reader),
  );
  const groups = createGroupIndex(model, reader, plans, options.sha256 ?? nobleSha256);
  const writeRow = createRowBytesWriter([...reader.slots.values()]);
  const context = createRowContext(dataset.fields.length);

  return {
    add(row) {
      context.rowNumber++;
      context.stamp++;
      reader.read(row, context);
      const group = groups.groupFor(context);
      group.rows++;
      writeRow(context, group.sink);
      for (let m = 0; m < plans.length; m++) tallyMeasure(plans[m] as MeasurePlan, m, group, context);
    },
    finish: () => collectTallies(plans, groups.all()),
  };
}

/** Finds (or opens) the group of a decoded row, checking that its provider is a party to the contract. */
function createGroupIndex(
  model: ContractModel,
  reader: DatasetReader,
  plans: MeasurePlan[],
  createHash: Sha256Factory,
) {
  const providers = new Map(model.contract.parties.map((party, index) => [party.ods, index]));
  const groups = new Map<number, RecordGroup>();
  let last: RecordGroup | undefined;
  let lastProvider = -1;
  // Rows mostly come provider by provider: remember the last code looked up.
  let cachedCode: unknown = Symbol('none');
  let cachedIndex = -1;

  function providerIndex(context: RowContext): number {
    const code = context.raw[reader.providerSlot];
    if (code === cachedCode) return cachedIndex;
    const index = typeof code === 'string' ? providers.get(code) : undefined;
    if (index === undefined) throw refuseProvider(model, context, code);
    cachedCode = code;
    cachedIndex = index;
    return index;
  }

  return {
    groupFor(context: RowContext): RecordGroup {
      const provider = providerIndex(context);
      if (last && provider === lastProvider && context.monthIndex === last.monthIndex) return last;
      const key = context.monthIndex * providers.size + provider;
      let group = groups.get(key);
      if (!group) {
        group = new RecordGroup(
          context.raw[reader.providerSlot] as string,
          context.monthIndex,
          plans,
          createHash,
        );
        writeRowsHeader(reader.dataset, group.provider, group.month, group.sink);
        groups.set(key, group);
      }
      last = group;
      lastProvider = provider;
      return group;
    },
    all: () => [...groups.values()],
  };
}

function refuseProvider(model: ContractModel, context: RowContext, code: unknown): DomainError {
  if (typeof code !== 'string' || code === '')
    return invalidRecord(context, 'provider', 'must be the ODS code of the submitting provider');
  return new DomainError(
    'unknown-provider',
    `Row ${context.rowNumber}: provider ${code} is not a party to contract ${model.contract.name}.`,
    {
      row: context.rowNumber,
      provider: code,
    },
  );
}

/** Tallies rows from memory or any synchronous iterator, consuming it once. */
export function tallyRecordsSync(
  model: ContractModel,
  datasetName: string,
  rows: Iterable<RecordRow>,
  options?: RecordTallyOptions,
): RecordTallies {
  const tallier = createRecordTallier(model, datasetName, options);
  for (const row of rows) tallier.add(row);
  return tallier.finish();
}

/**
 * Tallies a dataset's rows for every measure scored from it, streaming: rows are consumed once and
 * never collected, so memory grows with providers × months (and median values, paired persons),
 * not with rows. Synchronous sources are read without awaiting each row.
 */
export async function tallyRecords(
  model: ContractModel,
  datasetName: string,
  rows: RecordSource,
  options?: RecordTallyOptions,
): Promise<RecordTallies> {
  if (isIterable(rows)) return tallyRecordsSync(model, datasetName, rows, options);
  const tallier = createRecordTallier(model, datasetName, options);
  for await (const row of rows) tallier.add(row);
  return tallier.finish();
}

function isIterable(rows: RecordSource): rows is Iterable<RecordRow> {
  return typeof (rows as Partial<Iterable<RecordRow>>)[Symbol.iterator] === 'function';
}
