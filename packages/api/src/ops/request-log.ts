import type { Context, MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import type { AppEnv, Services } from '../services.js';

/** The route label of a request no route answered (a 404, or a refusal before routing). */
const UNMATCHED = 'unmatched';

/**
 * Logs every request once, when it is answered — request id, method, route pattern, path, status
 * and milliseconds — and counts it in the metrics. Never the query string, headers or body: those
 * can carry a bearer secret or a feed's rows.
 */
export function requestLog(services: Services): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    c.set('services', services);
    const started = performance.now();
    try {
      await next();
    } finally {
      const seconds = (performance.now() - started) / 1000;
      const route = routeOf(c);
      services.metrics.observeRequest(c.req.method, route, c.res.status, seconds);
      services.logger.info('request', {
        requestId: c.get('requestId'),
        method: c.req.method,
        route,
        path: c.req.path,
        status: c.res.status,
        ms: Math.round(seconds * 1000),
      });
    }
  };
}

// The pattern of the route that answered (`/contracts/:name/position`), not the path, so that
// metric labels stay few and name no contract.
function routeOf(c: Context<AppEnv>): string {
  const pattern = routePath(c);
  return pattern === '*' || pattern === '/*' || pattern === '' ? UNMATCHED : pattern;
}
