import { createHash } from 'node:crypto';
import type { ContractModel, ContractPosition, PositionSource } from '@parity/engine';
import { evaluatePosition, pricedByPeriod, versionsPricing } from '@parity/engine';
import { modelOf, type StoredVersion, versionInForce, versionsPublishedBy } from '../contracts/store.js';
import type { Database } from '../db/open.js';
import { ApiError } from '../errors.js';
import { standingSubmissionIds } from '../feeds/load.js';
import type { Services } from '../services.js';

/** Node's native sha256 for rows hashes: several times faster than the engine's portable one. */
export const nodeSha256 = () => createHash('sha256');

/** A contract's position as known on a date, with the version and submissions it was computed from. */
export interface StoredPosition {
  /** Identifies the answer: versions, as-of date and the submissions it was computed from. */
  key: string;
  source: PositionSource;
  position: ContractPosition;
}

/**
 * Evaluates a contract as known on a date — the versions published by then, the submissions made
 * by then — and prices each period of its year by the version in force when the period starts
 * (the engine's `pricedByPeriod`); measures, indicators and monitors are those of the version in
 * force on the date. Each version is evaluated in one pass of the engine, cached by version,
 * submissions and date, since those fix the answer; every reader's view is then cut from it.
 */
export async function contractPosition(
  services: Services,
  name: string,
  asOf: string,
  year?: string,
): Promise<StoredPosition> {
  const inForce = await services.reads.get(`contract|${name}|in-force|${asOf}`, () =>
    versionInForce(services.db, name, asOf),
  );
  if (!inForce) throw new ApiError('not-found', `No version of ${name} had been published by ${asOf}.`);
  const current = await versionPosition(services, name, inForce, asOf, year);
  const published = await services.reads.get(`contract|${name}|published|${asOf}`, () =>
    versionsPublishedBy(services.db, name, asOf),
  );
  const pricing = versionsPricing(published, current.position.model.contract.year);
  if (pricing.length === 1 && pricing[0]?.id === inForce.id) return current;
  const priced = await Promise.all(
    pricing.map(async (version) => ({
      version,
      stored: await versionPosition(services, name, version, asOf, year),
    })),
  );
  const lines = priced.map(({ version, stored }) => ({
    version: version.version,
    effectiveDate: version.effectiveDate,
    lines: stored.position.result.lines,
  }));
  const submissions = new Set([current, ...priced.map((p) => p.stored)].flatMap((p) => p.source.submissions));
  return {
    key: `${current.key}|priced by ${priced.map((p) => p.stored.key).join(';')}`,
    source: { version: inForce.version, submissions: [...submissions].sort() },
    position: pricedByPeriod(current.position, lines),
  };
}

/** One version evaluated as of a date over the submissions standing then, in one engine pass. */
async function versionPosition(
  services: Services,
  name: string,
  version: StoredVersion,
  asOf: string,
  year: string | undefined,
): Promise<StoredPosition> {
  // Versions never change, so their models are parsed once.
  const model = await services.positions.get(`model|${version.id}`, () => modelOf(services.db, version.id));
  const submissionIds = await services.reads.get(`contract|${name}|standing|${version.id}|${asOf}`, () =>
    standingSubmissionIds(services.db, name, model, asOf),
  );
  const key = `${version.id}|${asOf}|${year ?? ''}|${submissionIds.join(',')}`;
  return services.positions.get(key, async () => {
    const parents = await parentModels(services.db, model, asOf);
    const loaded = await services.observations(services.db, name, model, asOf);
    const position = await evaluatePosition(model, loaded.observations, {
      asOf,
      parents,
      sha256: nodeSha256,
      year,
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
