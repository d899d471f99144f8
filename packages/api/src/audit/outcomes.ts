import type { MiddlewareHandler } from 'hono';
import { actorOf, principalOf } from '../auth/middleware.js';
import type { AppEnv } from '../services.js';
import { recordAudit } from './record.js';

/**
 * Audits what the routes do not audit themselves: every request refused for what it sent (400,
 * 404, 405, 413, 415, 422) and every read of money or of who may act (positions, statements and
 * their downloads, the token list). Refusals for who is asking (401, 403,
 * 429) and refused feeds are audited where they are decided, and mark the request as audited.
 *
 * A read's entry is written in its turn after the answer is sent: reads never wait on a feed's
 * write transaction.
 */
export const auditOutcomes: MiddlewareHandler<AppEnv> = async (c, next) => {
  await next();
  if (c.get('audited')) return;
  const services = c.get('services');
  const status = c.res.status;
  const actor = principalOf(c) ? actorOf(c) : 'anonymous';
  const requestId = c.get('requestId');
  const subject = `${c.req.method} ${c.req.path}`;
  if (REFUSED.has(status)) {
    await recordAudit(services.db, services.clock, {
      actor,
      action: 'request',
      subject,
      outcome: 'refused',
      requestId,
      detail: { status, reason: await reasonOf(c.res) },
    });
    return;
  }
  const read = status >= 200 && status < 300 && c.req.method === 'GET' ? readOf(c.req.path) : undefined;
  if (!read) return;
  const query = Object.fromEntries(new URL(c.req.url).searchParams);
  recordAudit(services.db, services.clock, {
    actor,
    action: read,
    subject: c.req.path,
    outcome: 'ok',
    requestId,
    detail: query,
  }).catch((error: unknown) =>
    services.logger.error('a read could not be audited', {
      requestId,
      error: error instanceof Error ? error.message : String(error),
    }),
  );
};

const REFUSED = new Set([400, 404, 405, 413, 415, 422]);

const READS: readonly [RegExp, string][] = [
  [/^\/contracts\/[^/]+\/position$/, 'read-position'],
  [/^\/contracts\/[^/]+\/statement$/, 'read-statement'],
  [/^\/tokens\/?$/, 'token.list'],
];

function readOf(path: string): string | undefined {
  return READS.find(([pattern]) => pattern.test(path))?.[1];
}

/** The refusal's message, from the error envelope every refusal carries. */
async function reasonOf(response: Response): Promise<string> {
  try {
    const body = (await response.clone().json()) as { message?: unknown };
    return typeof body.message === 'string' ? body.message.slice(0, 500) : '';
  } catch {
    return '';
  }
}
