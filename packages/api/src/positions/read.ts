import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import {
  type Position,
  positionFor,
  type Statement,
  type SubContractFlowDown,
  statementFor,
  withFlowDownMemoranda,
} from '@parity/engine';
import { subContractsOf } from '../contracts/store.js';
import type { Services } from '../services.js';
import { contractPosition, type StoredPosition } from './contract-position.js';

const gzipAsync = promisify(gzip);

/** What a reader asks of a contract: the date, and the one provider whose figures they may see. */
export interface PositionRequest {
  name: string;
  asOf: string;
  /** The financial year of the term; by default the one the date falls in. */
  year?: string;
  /** Only this provider's figures (and the provider side's as a whole); all when undefined. */
  provider?: string;
}

/** A position as one reader sees it (see `positionFor`). */
export async function readPosition(services: Services, request: PositionRequest): Promise<Position> {
  const { position, source } = await shownPosition(services, request);
  return positionFor(position, source, request.provider);
}

/**
 * A position serialised once, as JSON and gzip, and kept: a position is read far more often than
 * it changes, and its answer is fixed by version, submissions, date and provider.
 */
export async function readPositionJson(
  services: Services,
  request: PositionRequest,
): Promise<{ json: string; gzip: Uint8Array }> {
  const stored = await shownPosition(services, request);
  return services.positions.get(`${stored.key}|position|${request.provider ?? '*'}`, async () => {
    const json = JSON.stringify(positionFor(stored.position, stored.source, request.provider));
    return { json, gzip: new Uint8Array(await gzipAsync(json)) };
  });
}

/** The finance statement as one reader sees it (see `statementFor`). */
export async function readStatement(services: Services, request: PositionRequest): Promise<Statement> {
  const { position, source } = await shownPosition(services, request);
  return statementFor(position, source, request.provider);
}

/**
 * A contract's position as shown to readers: a prime's carries memoranda of what flows down to
 * each sub-contract in force on the date (from that sub-contract's own position, which read this
 * prime's) and what the prime keeps.
 */
async function shownPosition(services: Services, request: PositionRequest): Promise<StoredPosition> {
  const stored = await contractPosition(services, request.name, request.asOf, request.year);
  const names = await services.reads.get(`contract|${request.name}|sub-contracts|${request.asOf}`, () =>
    subContractsOf(services.db, request.name, request.asOf),
  );
  if (names.length === 0) return stored;
  const subs = await Promise.all(
    names.map((name) => contractPosition(services, name, request.asOf, stored.position.model.contract.year)),
  );
  const flows: SubContractFlowDown[] = subs.map(({ position, source }) => ({
    contract: position.model.contract.name,
    version: source.version,
    lines: (position.lines ?? position.result.lines).filter((line) => line.kind === 'flow-down'),
  }));
  return {
    ...stored,
    key: `${stored.key}|sub-contracts ${subs.map((s) => s.key).join(';')}`,
    position: withFlowDownMemoranda(stored.position, stored.source, flows),
  };
}
