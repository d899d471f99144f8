// Record-level tallying is wired in here; until it lands, record-level data is refused plainly.
import { DomainError, DomainErrorCodes } from '../core/errors.js';
import type { ContractModel } from '../model/index.js';
import type { RecordSource } from './observations.js';
import type { RecordTallies } from './tally.js';

export async function tallyRecords(_model: ContractModel, dataset: string, _rows: RecordSource): Promise<RecordTallies> {
  throw new DomainError(DomainErrorCodes.UnknownDataset, `Record-level evaluation of ${dataset} is not available in this build.`);
}
