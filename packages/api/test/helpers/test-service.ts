import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createToken, type Role } from '../../src/auth/tokens.js';
import type { Clock } from '../../src/clock.js';
import { CONTRACTS_DIR } from '../../src/library.js';
import type { Services } from '../../src/services.js';
import { startService } from '../../src/start.js';

/** A clock tests can set and move. */
export class TestClock implements Clock {
  private current: Date;

  constructor(iso: string) {
    this.current = new Date(iso);
  }

  now(): Date {
    return new Date(this.current);
  }

  set(iso: string): void {
    this.current = new Date(iso);
  }
}

/** The real service on a loopback port, over a database file of its own in a temporary folder. */
export interface TestService {
  url: string;
  services: Services;
  clock: TestClock;
  /** The temporary folder holding the database file. */
  directory: string;
  databaseUrl: string;
  /** A bearer secret for an organisation and role. */
  token(organisation: string, role: Role): Promise<string>;
  /** fetch against the service with a bearer token. */
  request(path: string, init?: RequestInit & { token?: string }): Promise<Response>;
  close(): Promise<void>;
}

/**
 * Starts the service as `parity serve` does (`startService`), on 127.0.0.1 and a free port, with a
 * file database in a fresh temporary folder (or the given one, to start again on the same database),
 * no demo data, and quiet logs. `env` overrides settings.
 */
export async function startTestService(
  options: { env?: Record<string, string>; now?: string; directory?: string } = {},
): Promise<TestService> {
  const directory = options.directory ?? (await mkdtemp(join(tmpdir(), 'parity-test-')));
  const databaseUrl = `file:${join(directory, 'x.db')}`;
  const clock = new TestClock(options.now ?? '2026-11-20T09:00:00.000Z');
  const running = await startService(
    {
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_URL: databaseUrl,
      PARITY_DEMO: 'false',
      LOG_LEVEL: 'silent',
      RATE_LIMIT_PER_MINUTE: '100000',
      ...options.env,
    },
    clock,
  );
  return {
    url: running.url,
    services: running.services,
    clock,
    directory,
    databaseUrl,
    token: async (organisation, role) =>
      (await createToken(running.services.db, clock, organisation, role)).secret,
    request: (path, init = {}) => {
      const { token, headers, ...rest } = init;
      const merged = new Headers(headers);
      if (token) merged.set('authorization', `Bearer ${token}`);
      return fetch(`${running.url}${path}`, { ...rest, headers: merged });
    },
    close: async () => {
      await running.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}

/** A .parity file of the repository's contracts folder, as a publishable source. */
export async function contractSource(path: string): Promise<{ path: string; text: string }> {
  return { path, text: await readFile(join(CONTRACTS_DIR, path), 'utf8') };
}

/** Publishes contract sources over HTTP as a commissioner; throws unless the service stores them. */
export async function publishContract(
  service: TestService,
  commissionerToken: string,
  sources: { path: string; text: string }[],
  effectiveDate = '2026-04-01',
): Promise<{ contract: string; version: number }> {
  const response = await service.request('/contracts', {
    method: 'POST',
    token: commissionerToken,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ sources, effectiveDate }),
  });
  const body = (await response.json()) as {
    contract: string;
    version: number;
    message?: string;
    details?: unknown;
  };
  if (response.status !== 201 && response.status !== 200)
    throw new Error(`publishing failed with ${response.status}: ${JSON.stringify(body)}`);
  return body;
}

/** The response of a feed submission, its JSON body read. */
export interface FeedResponse {
  status: number;
  body: {
    id: string;
    rows: number;
    contentHash: string;
    submittedAt: string;
    supersedes?: string;
    source: string;
    provider: string;
    period: string;
    code?: string;
    message?: string;
    details?: { errors: { row: number; column: string; message: string }[]; total: number };
  };
}

/** POSTs a feed to /contracts/{contract}/feeds/{source}?period=… as the given token. */
export async function postFeed(
  service: TestService,
  token: string,
  feed: {
    contract: string;
    source: string;
    period: string;
    body: string | Uint8Array;
    contentType?: string;
    provider?: string;
  },
): Promise<FeedResponse> {
  const query = new URLSearchParams({
    period: feed.period,
    ...(feed.provider ? { provider: feed.provider } : {}),
  });
  const response = await service.request(`/contracts/${feed.contract}/feeds/${feed.source}?${query}`, {
    method: 'POST',
    token,
    headers: { 'content-type': feed.contentType ?? 'text/csv' },
    body: feed.body,
  });
  return { status: response.status, body: (await response.json()) as FeedResponse['body'] };
}

/** How many rows the submissions and submission_blocks tables hold. */
export async function storedCounts(service: TestService): Promise<{ submissions: number; blocks: number }> {
  const client = service.services.db.$client;
  const submissions = await client.execute('SELECT count(*) AS n FROM submissions');
  const blocks = await client.execute('SELECT count(*) AS n FROM submission_blocks');
  return { submissions: Number(submissions.rows[0]?.n), blocks: Number(blocks.rows[0]?.n) };
}
