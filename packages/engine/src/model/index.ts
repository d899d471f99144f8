import { z } from 'zod';
import { Contract, Organisation } from './contract.js';
import { AggregateReturn, Dataset, Measure } from './measure.js';
import { ContractTest } from './test.js';

export * from './common.js';
export * from './contract.js';
export * from './expression.js';
export * from './measure.js';
export * from './test.js';

/** The version of the ContractModel shape; raised on any change that old readers cannot read. */
export const CONTRACT_MODEL_SCHEMA_VERSION = 2;

/**
 * One contract compiled from Parity source, self-contained: the organisations, datasets, returns and
 * measures it uses are copied in, so it can be stored and evaluated without the source.
 */
export const ContractModel = z.object({
  schemaVersion: z.literal(CONTRACT_MODEL_SCHEMA_VERSION),
  contract: Contract,
  organisations: z.array(Organisation),
  datasets: z.array(Dataset),
  returns: z.array(AggregateReturn),
  measures: z.array(Measure),
  tests: z.array(ContractTest),
  /** sha256 of the canonical JSON of every other field, as lowercase hex. */
  contentHash: z.string().regex(/^[0-9a-f]{64}$/),
});
export type ContractModel = z.infer<typeof ContractModel>;
