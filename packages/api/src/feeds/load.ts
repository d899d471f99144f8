import type { ContractModel, Observations } from '@parity/engine';
import type { Database } from '../db/open.js';

/**
 * The observations known for a contract at an as-of date: for each provider, source and period,
 * the latest submission made on or before that date; record-level rows are streamed from storage.
 * `submissionIds` identifies the data set, for caching positions.
 */
export async function loadObservations(_db: Database, _contractName: string, _model: ContractModel, _asOf: string): Promise<{ observations: Observations; submissionIds: string[] }> {
  return { observations: { aggregates: [], records: {} }, submissionIds: [] };
}
