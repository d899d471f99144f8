import type { Context, MiddlewareHandler } from 'hono';
import { recordAudit } from './audit/record.js';
import { principalOf, remoteAddress } from './auth/middleware.js';
import { ApiError } from './errors.js';
import type { AppEnv } from './services.js';

const WINDOW_MS = 60_000;
const MAX_CLIENTS = 10_000;

/**
 * A fixed one-minute window per client, each use of this limiter a bucket of its own (see
 * `OWN_BUCKETS`): a valid bearer token's requests count as that token's; everything else (no
 * token, or an unknown or revoked one) counts against the remote address, so sending made-up
 * tokens does not buy fresh allowances. Run after `identifyCaller`.
 *
 * In memory: each instance limits its own traffic, which is enough to stop a flood reaching the
 * database. The first request over the limit in a window is audited; the rest are not, so a
 * flood cannot fill the audit log.
 */
export function rateLimit(perMinute: number, now: () => number = Date.now): MiddlewareHandler<AppEnv> {
  const windows = new Map<string, { start: number; count: number }>();
  return async (c, next) => {
    if (countedElsewhere(c)) return next();
    const principal = principalOf(c);
    const key = principal ? `token:${principal.tokenId}` : `address:${remoteAddress(c)}`;
    const at = now();
    const window = windows.get(key);
    if (!window || at - window.start >= WINDOW_MS) {
      windows.set(key, { start: at, count: 1 });
      if (windows.size > MAX_CLIENTS) pruneOld(windows, at);
    } else {
      window.count += 1;
      if (window.count > perMinute) {
        if (window.count === perMinute + 1) await auditLimited(c, key, perMinute);
        c.header('Retry-After', String(Math.max(1, Math.ceil((window.start + WINDOW_MS - at) / 1000))));
        throw new ApiError(
          'rate-limited',
          `More than ${perMinute} requests in a minute: slow down and retry after the Retry-After seconds.`,
        );
      }
    }
    await next();
  };
}

/**
 * Paths that count in a bucket of their own, mounted on the path itself: the playground's
 * evaluations, which anyone may ask for. The bucket mounted on every path leaves them alone, so
 * that a flood of evaluations is refused by its own limit and never uses up the caller's
 * allowance for `/health` and everything else.
 */
export const OWN_BUCKETS: readonly string[] = ['/playground/evaluate'];

function countedElsewhere(c: Context<AppEnv>): boolean {
  const mountedEverywhere = c.req.routePath === '*' || c.req.routePath === '/*';
  return mountedEverywhere && OWN_BUCKETS.includes(c.req.path);
}

async function auditLimited(c: Context<AppEnv>, client: string, perMinute: number): Promise<void> {
  const { db, clock } = c.get('services');
  const principal = principalOf(c);
  await recordAudit(db, clock, {
    actor: principal ? `${principal.organisation}/${principal.role}/${principal.tokenId}` : 'anonymous',
    action: 'rate-limit',
    subject: `${c.req.method} ${c.req.path}`,
    outcome: 'refused',
    requestId: c.get('requestId'),
    detail: { client, perMinute },
  });
}

// Drops finished windows; if a flood from many addresses still leaves too many, the oldest go.
function pruneOld(windows: Map<string, { start: number }>, at: number): void {
  for (const [key, window] of windows) if (at - window.start >= WINDOW_MS) windows.delete(key);
  for (const key of windows.keys()) {
    if (windows.size <= MAX_CLIENTS) break;
    windows.delete(key);
  }
}
