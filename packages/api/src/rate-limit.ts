import type { Context, MiddlewareHandler } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import { ApiError } from './errors.js';
import type { AppEnv } from './services.js';

/**
 * A fixed one-minute window per client (bearer token, else remote address). In memory: each
 * instance limits its own traffic, which is enough to stop a flood reaching the database.
 */
export function rateLimit(perMinute: number, now: () => number = Date.now): MiddlewareHandler<AppEnv> {
  const windows = new Map<string, { start: number; count: number }>();
  return async (c, next) => {
    const key = c.req.header('authorization') ?? remoteAddress(c);
    const at = now();
    const window = windows.get(key);
    if (!window || at - window.start >= 60_000) {
      windows.set(key, { start: at, count: 1 });
      if (windows.size > 10_000) pruneOld(windows, at);
    } else if (++window.count > perMinute) {
      c.header('Retry-After', String(Math.ceil((window.start + 60_000 - at) / 1000)));
      throw new ApiError('rate-limited', `More than ${perMinute} requests in a minute: slow down and retry after the Retry-After seconds.`);
    }
    await next();
  };
}

function remoteAddress(c: Context<AppEnv>): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

function pruneOld(windows: Map<string, { start: number }>, at: number): void {
  for (const [key, window] of windows) if (at - window.start >= 60_000) windows.delete(key);
}
