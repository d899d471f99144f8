import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { type Position, positionFor, type Statement, statementFor } from '@parity/engine';
import type { Services } from '../services.js';
import { contractPosition } from './contract-position.js';

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
  const { position, source } = await contractPosition(services, request.name, request.asOf, request.year);
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
  const stored = await contractPosition(services, request.name, request.asOf, request.year);
  return services.positions.get(`${stored.key}|position|${request.provider ?? '*'}`, async () => {
    const json = JSON.stringify(positionFor(stored.position, stored.source, request.provider));
    return { json, gzip: new Uint8Array(await gzipAsync(json)) };
  });
}

/** The finance statement as one reader sees it (see `statementFor`). */
export async function readStatement(services: Services, request: PositionRequest): Promise<Statement> {
  const { position, source } = await contractPosition(services, request.name, request.asOf, request.year);
  return statementFor(position, source, request.provider);
}
