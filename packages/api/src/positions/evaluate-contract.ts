import { createHash } from 'node:crypto';
import {
  type ContractModel,
  type Evaluation,
  evaluateInContext,
  type IndicatorPosition,
  indicatorPositions,
} from '@parity/engine';
import { modelOf, versionInForce } from '../contracts/store.js';
import type { Database } from '../db/open.js';
import { ApiError } from '../errors.js';
import { loadObservations, standingSubmissionIds } from '../feeds/load.js';
import type { Services } from '../services.js';

/** Node's native sha256 for rows hashes: several times faster than the engine's portable one. */
const nodeSha256 = () => createHash('sha256');

export interface ContractEvaluation {
  /** Identifies the answer: version, as-of date and the submissions it was computed from. */
  key: string;
  versionId: number;
  version: number;
  model: ContractModel;
  evaluation: Evaluation;
  indicators: IndicatorPosition[];
  submissionIds: string[];
}

/**
 * Evaluates a contract as known on a date: the version in force then, the submissions made by
 * then, and the engine. Cached by version, submissions and date, since those fix the answer.
 */
export async function evaluateContract(
  services: Services,
  name: string,
  asOf: string,
): Promise<ContractEvaluation> {
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
    // Streams are read once: load afresh for each evaluation pass.
    const first = await loadObservations(services.db, name, model, asOf);
    const evaluation = await evaluateInContext(model, first.observations, {
      asOf,
      parents,
      sha256: nodeSha256,
    });
    const second = await loadObservations(services.db, name, model, asOf);
    const indicators = await indicatorPositions(model, second.observations, {
      asOf,
      parents,
      sha256: nodeSha256,
    });
    return {
      key,
      versionId: version.id,
      version: version.version,
      model,
      evaluation,
      indicators,
      submissionIds,
    };
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
