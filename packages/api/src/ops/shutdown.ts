import type { Server } from 'node:http';

/** How often connections that fell idle while draining are closed. */
const SWEEP_MS = 100;

/**
 * Stops a server gracefully: no new connections from now on; requests in flight (a feed being
 * written) run to the end; kept-alive connections are closed as soon as they fall idle. Whatever
 * is still open after `graceMs` is cut, so a stuck client cannot hold a shutdown for ever.
 * Resolves with whether everything finished within the grace period.
 */
export function drainServer(server: Server, graceMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    let finished = true;
    const sweep = setInterval(() => server.closeIdleConnections(), SWEEP_MS);
    const deadline = setTimeout(() => {
      finished = false;
      server.closeAllConnections();
    }, graceMs);
    server.close(() => {
      clearInterval(sweep);
      clearTimeout(deadline);
      resolve(finished);
    });
    server.closeIdleConnections();
  });
}
