import { createHash } from 'node:crypto';
import type { ContractModel, ContractPosition, PositionSource, PrimeResult } from '@parity/engine';
import { evaluatePosition, pricedByPeriod, termYearOn, versionsPricing } from '@parity/engine';
import { modelOf, type StoredVersion, versionInForce, versionsPublishedBy } from '../contracts/store.js';
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
  // The year resolved, so that asking for the year the date falls in is the same answer, cached once.
  const resolvedYear = year ?? termYearOn(model, asOf);
  const prime = await primeResultOf(services, model, asOf, resolvedYear);
  const key = `${version.id}|${asOf}|${resolvedYear}|${submissionIds.join(',')}${prime ? `|prime ${prime.key}` : ''}`;
  return services.positions.get(key, async () => {
    const loaded = await services.observations(services.db, name, model, asOf);
    const position = await services.metrics.timeEvaluation(() =>
      evaluatePosition(model, loaded.observations, {
        asOf,
        prime: prime?.result,
        sha256: nodeSha256,
        year: resolvedYear,
      }),
    );
    return { key, source: { version: version.version, submissions: loaded.submissionIds }, position };
  });
}

/**
 * What a sub-contract's flow-down reads: its prime's own position as known on the same date, for
 * the same year (one evaluation of the prime, cached like any other), never the prime's data
 * evaluated again under the sub-contract.
 */
export async function primeResultOf(
  services: Services,
  model: ContractModel,
  asOf: string,
  year: string | undefined,
): Promise<{ key: string; result: PrimeResult } | undefined> {
  const parent = model.contract.parent;
  if (!parent || model.contract.flowDown.length === 0) return undefined;
  if (!(await versionInForce(services.db, parent, asOf)))
    throw new ApiError(
      'conflict',
      `${model.contract.name} takes a flow-down from ${parent}, which had not been published by ${asOf}: publish the prime contract first.`,
    );
  const stored = await contractPosition(services, parent, asOf, year ?? termYearOn(model, asOf));
  const { position, source } = stored;
  return {
    key: stored.key,
    result: {
      contract: parent,
      year: position.model.contract.year,
      lines: position.lines ?? position.result.lines.map((line) => ({ ...line, version: source.version })),
    },
  };
}
