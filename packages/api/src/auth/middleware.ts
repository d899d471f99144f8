import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context, MiddlewareHandler } from 'hono';
import { recordAudit } from '../audit/record.js';
import { ApiError } from '../errors.js';
import type { AppEnv } from '../services.js';
import { type Principal, principalFor } from './tokens.js';

type Identified = { principal: Principal } | { failure: 'no bearer token' | 'unknown or revoked token' };

// Per request: who the bearer token stands for, worked out once by `identifyCaller`.
const identified = new WeakMap<Context, Identified>();

async function identify(c: Context<AppEnv>): Promise<Identified> {
  const known = identified.get(c);
  if (known) return known;
  const match = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '');
  const secret = match?.[1];
  // Looked up on every request, never cached: a revocation takes effect at once, even one made
  // by another process or instance.
  const principal = secret ? await principalFor(c.get('services').db, secret) : undefined;
  const outcome: Identified = principal
    ? { principal }
    : { failure: match ? 'unknown or revoked token' : 'no bearer token' };
  identified.set(c, outcome);
  if (principal) c.set('principal', principal);
  return outcome;
}

/**
 * Works out who is calling, without refusing anyone (public routes need no token), so the rate
 * limiter can count a valid token's requests as its own and everything else by address.
 */
export const identifyCaller: MiddlewareHandler<AppEnv> = async (c, next) => {
  await identify(c);
  await next();
};

/** The caller, when a valid bearer token came with the request. */
export function principalOf(c: Context<AppEnv>): Principal | undefined {
  const known = identified.get(c);
  return known && 'principal' in known ? known.principal : undefined;
}

/**
 * Requires a valid bearer token and puts its principal on the context; a refusal is audited.
 * Responses to authenticated requests are never cached.
 */
export const requireAuth: MiddlewareHandler<AppEnv> = async (c, next) => {
  c.header('Cache-Control', 'no-store');
  const outcome = await identify(c);
  if ('failure' in outcome) {
    const services = c.get('services');
    c.set('audited', true);
    await recordAudit(services.db, services.clock, {
      actor: 'anonymous',
      action: 'authenticate',
      subject: `${c.req.method} ${c.req.path}`,
      outcome: 'refused',
      requestId: c.get('requestId'),
      detail: { reason: outcome.failure, address: remoteAddress(c) },
    });
    throw new ApiError(
      'unauthenticated',
      outcome.failure === 'no bearer token'
        ? 'Send a bearer token: Authorization: Bearer <token>.'
        : 'The bearer token is unknown or revoked.',
    );
  }
  await next();
};

/** Lets through only principals the check allows; others are refused (403) and audited. */
export function allowOnly(
  check: (principal: Principal) => boolean,
  action: string,
  why: string,
): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const principal = c.get('principal');
    if (!check(principal))
      await refuse(
        c,
        action,
        `${c.req.method} ${c.req.path}`,
        `${principal.organisation} (${principal.role}): ${why}`,
      );
    await next();
  };
}

/** Refuses with 403 and audits the refusal. */
export async function refuse(
  c: Context<AppEnv>,
  action: string,
  subject: string,
  message: string,
): Promise<never> {
  const services = c.get('services');
  c.set('audited', true);
  await recordAudit(services.db, services.clock, {
    actor: principalOf(c) ? actorOf(c) : 'anonymous',
    action,
    subject,
    outcome: 'refused',
    requestId: c.get('requestId'),
    detail: { reason: message },
  });
  throw new ApiError('forbidden', message);
}

/** The audit log's name for the caller: organisation, role and token id (never the secret). */
export function actorOf(c: Context<AppEnv>): string {
  const principal = c.get('principal');
  return `${principal.organisation}/${principal.role}/${principal.tokenId}`;
}

/** The peer's address as the socket reports it (forwarding headers are not trusted). */
export function remoteAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}
