import type { Context } from 'hono';
import { refuse } from '../auth/middleware.js';
import { canReadContract, providerScope } from '../auth/policy.js';
import { latestVersion, partiesOf } from '../contracts/store.js';
import { ApiError } from '../errors.js';
import type { AppEnv } from '../services.js';

/**
 * Checks the caller may see the contract's feeds, and whose: auditors and the commissioning
 * organisation's staff see every provider's submissions (or the one asked for); anyone else, their
 * own organisation's only. Returns the provider to restrict to, if any.
 */
export async function readableFeeds(
  c: Context<AppEnv>,
  name: string,
  askedProvider?: string,
): Promise<string | undefined> {
  const { db } = c.get('services');
  const latest = await latestVersion(db, name);
  if (!latest) throw new ApiError('not-found', `No contract named ${name}.`);
  const principal = c.get('principal');
  const parties = await partiesOf(db, latest.id);
  if (!canReadContract(principal, parties))
    await refuse(c, 'read-feeds', name, `${principal.organisation} is not party to ${name}.`);
  const scope = providerScope(principal, parties, askedProvider);
  if ('refusal' in scope) return refuse(c, 'read-feeds', name, scope.refusal);
  return scope.provider;
}
