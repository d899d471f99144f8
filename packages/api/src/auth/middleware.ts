import type { Context, MiddlewareHandler } from 'hono';
import { recordAudit } from '../audit/record.js';
import { ApiError } from '../errors.js';
import type { AppEnv } from '../services.js';
import { principalFor } from './tokens.js';

/** Requires a valid bearer token and puts its principal on the context; a refusal is audited. */
export const requireAuth: MiddlewareHandler<AppEnv> = async (c, next) => {
  const services = c.get('services');
  const header = c.req.header('authorization') ?? '';
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  const principal = match?.[1] ? await principalFor(services.db, match[1]) : undefined;
  if (!principal) {
    await recordAudit(services.db, services.clock, {
      actor: 'anonymous',
      action: `${c.req.method} ${c.req.path}`,
      subject: c.req.path,
      outcome: 'refused',
      requestId: c.get('requestId'),
      detail: { reason: match ? 'unknown or revoked token' : 'no bearer token' },
    });
    throw new ApiError('unauthenticated', match ? 'The bearer token is unknown or revoked.' : 'Send a bearer token: Authorization: Bearer <token>.');
  }
  c.set('principal', principal);
  await next();
};

/** Refuses with 403 and audits the refusal. */
export async function refuse(c: Context<AppEnv>, action: string, subject: string, message: string): Promise<never> {
  const services = c.get('services');
  const principal = c.get('principal');
  await recordAudit(services.db, services.clock, {
    actor: principal ? `${principal.organisation}/${principal.role}/${principal.tokenId}` : 'anonymous',
    action,
    subject,
    outcome: 'refused',
    requestId: c.get('requestId'),
    detail: { reason: message },
  });
  throw new ApiError('forbidden', message);
}

export function actorOf(c: Context<AppEnv>): string {
  const principal = c.get('principal');
  return `${principal.organisation}/${principal.role}/${principal.tokenId}`;
}
