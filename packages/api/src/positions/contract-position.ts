import { createHash } from 'node:crypto';
import type { ContractModel, ContractPosition, PositionSource } from '@parity/engine';
import { evaluatePosition } from '@parity/engine';
import { modelOf, versionInForce } from '../contracts/store.js';
import type { Database } from '../db/open.js';
import { ApiError } from '../errors.js';
import { standingSubmissionIds } from '../feeds/load.js';
import type { Services } from '../services.js';

/** Node's native sha256 for rows hashes: several times faster than the engine's portable one. */
export const nodeSha256 = () => createHash('sha256');

/** A contract's position as known on a date, with the version and submissions it was computed from. */
export interface StoredPosition {
  /** Identifies the answer: version, as-of date and the submissions it was computed from. */
  key: string;
  source: PositionSource;
  position: ContractPosition;
}

/**
 * Evaluates a contract as known on a date — the version in force then, the submissions made by
 * then — in one pass of the engine. Cached by version, submissions and date, since those fix the
 * answer; every reader's view is then cut from the same evaluation.
 */
export async function contractPosition(
  services: Services,
  name: string,
  asOf: string,
): Promise<StoredPosition> {
  const version = await services.reads.get(`contract|${name}|in-force|${asOf}`, () =>
    versionInForce(services.db, name, asOf),
  );
  if (!version) throw new ApiError('not-found', `No version of ${name} had been published by ${asOf}.`);
  // Versions never change, so their models are parsed once.
  const model = await services.positions.get(`model|${version.id}`, () => modelOf(services.db, version.id));
  const submissionIds = await services.reads.get(`contract|${name}|standing|${version.id}|${asOf}`, () =>
    standingSubmissionIds(services.db, name, model, asOf),
  );
  const key = `${version.id}|${asOf}|${submissionIds.join(',')}`;
  return services.positions.get(key, async () => {
    const parents = await parentModels(services.db, model, asOf);
    const loaded = await services.observations(services.db, name, model, asOf);
    const position = await evaluatePosition(model, loaded.observations, {
      asOf,
      parents,
      sha256: nodeSha256,
    });
    return { key, source: { version: version.version, submissions: loaded.submissionIds }, position };
  });
}

async function parentModels(
  db: Database,
  model: ContractModel,
  asOf: string,
): Promise<Map<string, ContractModel>> {
  const parents = new Map<string, ContractModel>();
  if (!model.contract.parent) return parents;
  const parent = await versionInForce(db, model.contract.parent, asOf);
  if (parent) parents.set(model.contract.parent, await modelOf(db, parent.id));
  return parents;
}
