import type { ContractModel } from '@parity/engine';
import { type Clock, today } from '../clock.js';
import { latestVersion, modelOf, partiesOf, versionInForce } from '../contracts/store.js';
import type { Database } from '../db/open.js';
import { ApiError } from '../errors.js';
import { type FeedFormat, formatOf } from './feed-target.js';

/** What a feed or extract is checked against: the version in force today, its model and parties. */
export interface ContractInForce {
  version: NonNullable<Awaited<ReturnType<typeof versionInForce>>>;
  model: ContractModel;
  parties: Awaited<ReturnType<typeof partiesOf>>;
}

/** The contract as it stands today, or not found (saying whether it exists at all). */
export async function contractInForce(db: Database, clock: Clock, name: string): Promise<ContractInForce> {
  const version = await versionInForce(db, name, today(clock));
  if (!version)
    throw new ApiError(
      'not-found',
      (await latestVersion(db, name))
        ? `No version of ${name} is in force today.`
        : `No contract named ${name}.`,
    );
  return { version, model: await modelOf(db, version.id), parties: await partiesOf(db, version.id) };
}

/** The format a request's Content-Type names, or 415 listing the formats taken. */
export function formatOrRefuse(contentType: string | undefined, what: 'feed' | 'extract'): FeedFormat {
  const format = formatOf(contentType);
  if (!format)
    throw new ApiError(
      'unsupported-media-type',
      `Send the ${what} as text/csv, application/vnd.openxmlformats-officedocument.spreadsheetml.sheet (XLSX), application/json or application/x-ndjson.`,
    );
  return format;
}
