import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { createToken, type Role } from '../src/auth/tokens.js';
import type { Clock } from '../src/clock.js';
import { auditLog } from '../src/db/schema.js';
import type { Services } from '../src/services.js';
import { type RunningService, startService } from '../src/start.js';

/** A clock the test moves: it starts at `start` and stays there until set. */
export interface TestClock extends Clock {
  set(at: string): void;
}

export function testClock(start: string): TestClock {
  let current = new Date(start);
  return { now: () => new Date(current), set: (at) => (current = new Date(at)) };
}

/** The real service on a loopback port, with its own file database in a temporary folder. */
export interface TestService {
  url: string;
  services: Services;
  clock: TestClock;
  /** A new token for an organisation and role: its id and secret. */
  token(organisation: string, role: Role): Promise<{ id: string; secret: string }>;
  /** Sends a request, with `secret` as the bearer token when given. */
  request(
    method: string,
    path: string,
    options?: { secret?: string; json?: unknown; body?: string; headers?: Record<string, string> },
  ): Promise<Response>;
  /** Publishes contract sources with a commissioner's token; fails the test unless it is published. */
  publish(secret: string, text: string, path?: string): Promise<{ contract: string; version: number }>;
  /** The audit entries written for a request id. */
  auditFor(requestId: string | null): Promise<(typeof auditLog.$inferSelect)[]>;
  close(): Promise<void>;
}

export async function startTestService(
  env: Record<string, string> = {},
  start = '2026-10-15T09:00:00.000Z',
): Promise<TestService> {
  const folder = mkdtempSync(join(tmpdir(), 'parity-security-'));
  const clock = testClock(start);
  const running: RunningService = await startService(
    {
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_URL: `file:${join(folder, 'x.db')}`,
      PARITY_DEMO: 'false',
      LOG_LEVEL: 'silent',
      ...env,
    },
    clock,
  );
  const { services, url } = running;
  const request: TestService['request'] = (method, path, options = {}) => {
    const headers: Record<string, string> = { ...options.headers };
    if (options.secret !== undefined) headers.authorization = `Bearer ${options.secret}`;
    let body = options.body;
    if (options.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(options.json);
    }
    return fetch(`${url}${path}`, { method, headers, body });
  };
  return {
    url,
    services,
    clock,
    token: async (organisation, role) => createToken(services.db, clock, organisation, role),
    request,
    publish: async (secret, text, path = 'contract.parity') => {
      const response = await request('POST', '/contracts', { secret, json: { sources: [{ path, text }] } });
      if (response.status !== 201 && response.status !== 200)
        throw new Error(`publish failed: ${response.status} ${await response.text()}`);
      return (await response.json()) as { contract: string; version: number };
    },
    auditFor: async (requestId) => {
      if (requestId === null) return [];
      return services.db.select().from(auditLog).where(eq(auditLog.requestId, requestId));
    },
    close: async () => {
      await running.close();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

/**
 * A small CQUIN contract for the tests: one commissioner, the providers given, an aggregate return
 * (source "Trust monthly return") scored quarterly, one indicator per provider (2 or fewer divide 100%
 * evenly; give 1, 2, 4 or 5).
 */
export function cquinContract(pkg: string, commissioner: string, providers: string[]): string {
  const organisations = providers.map(
    (ods, index) => `organisation Trust${index} "Trust ${ods}" ods "${ods}" sector mental-health`,
  );
  // One indicator per provider, each accountable for its own; weights share 100% evenly.
  const indicators = providers.map(
    (_, index) => `    indicator I${index} weight ${100 / providers.length}% {
      measure Checked
      accountable Trust${index}
      linear from 40% to 80%
    }`,
  );
  return `package ${pkg}

organisation Icb "ICB ${commissioner}" ods "${commissioner}" sector commissioner
${organisations.join('\n')}

aggregate return Returns "Monthly return" {
  rows are events
  source "Trust monthly return"
}

measure Checked "Checks done" {
  domain mental-health
  from Returns
  minimum denominator 10
  higher is better
  period quarter
}

contract Main "Checks CQUIN (${pkg})" {
  arrangement cquin
  year 2026/27
  commissioner Icb
${providers.map((_, index) => `  provider Trust${index}`).join('\n')}
  cquin Scheme "CQUIN" worth £500,000 {
    assessed quarterly
${indicators.join('\n')}
  }
}
`;
}
