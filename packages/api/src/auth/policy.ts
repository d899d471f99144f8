import type { ContractModel, SubmittedBy } from '@parity/engine';
import type { Principal } from './tokens.js';

/**
 * Who may do what. Each role's reach, in one place:
 * - commissioner: reads the contracts its organisation is party to (their positions and
 *   statements too); publishes only contracts it commissions, and only new versions of contracts
 *   it already commissions.
 * - provider: reads only the contracts it delivers (as provider, prime or subcontractor), sees only
 *   its own position, and submits feeds only as itself.
 * - who submits a dataset's or return's feeds is the contract's to say (`submitted by`): each
 *   provider for itself (the default); the commissioner (its commissioner or admin tokens) for any
 *   provider of the contract; or a data service (its provider or commissioner tokens) for any
 *   provider of the contract. A feed is always for a provider of the contract.
 * - finance: reads the contracts, positions and statements of its organisation's contracts.
 * - auditor: reads every contract, position and statement, and the audit log; changes nothing.
 * - admin: manages tokens and reads the audit log; sees no contract data (an admin who needs it
 *   issues a token for it, and that is audited).
 * Where an organisation is party only as a deliverer, its staff see only its own figures.
 */

/** A party to a contract version: its ODS code and its role in the contract. */
export interface PartyRow {
  ods: string;
  role: string;
}

const DELIVERING = new Set(['provider', 'prime', 'subcontractor']);

const commissions = (parties: readonly PartyRow[], ods: string) =>
  parties.some((p) => p.ods === ods && p.role === 'commissioner');

/** Who may see a contract, its versions, sources, model and position. */
export function canReadContract(principal: Principal, parties: PartyRow[]): boolean {
  switch (principal.role) {
    case 'auditor':
      return true;
    case 'admin':
      return false;
    case 'provider':
      return parties.some((p) => p.ods === principal.organisation && DELIVERING.has(p.role));
    default:
      return parties.some((p) => p.ods === principal.organisation);
  }
}

/** Only commissioners publish at all; checked before the sources are, so others cannot use the checker. */
export function canPublishAny(principal: Principal): boolean {
  return principal.role === 'commissioner';
}

/**
 * A commissioner publishes only contracts it commissions: in the version published and, when the
 * contract exists, in its current version too, so no one takes over another's contract by
 * publishing a version that names themselves.
 */
export function canPublish(principal: Principal, model: ContractModel, current?: PartyRow[]): boolean {
  if (!canPublishAny(principal)) return false;
  if (!commissions(model.contract.parties, principal.organisation)) return false;
  return current === undefined || commissions(current, principal.organisation);
}

/** A dataset or return as far as the right to submit goes: its name and who submits it. */
export interface SubmittedSource {
  name: string;
  submittedBy?: SubmittedBy;
}

/**
 * Why this caller may not send `source`'s feed for `provider`, or undefined when it may. The one
 * rule for feeds and extracts alike; the message says who submits the source.
 */
export function submitRefusal(
  principal: Principal,
  parties: PartyRow[],
  contract: string,
  source: SubmittedSource,
  provider: string,
): string | undefined {
  const submitter = source.submittedBy ?? { kind: 'provider' };
  const token = `this token is for ${principal.organisation} as ${principal.role}`;
  const delivers = parties.some((p) => p.ods === provider && DELIVERING.has(p.role));
  switch (submitter.kind) {
    case 'provider':
      if (principal.role !== 'provider')
        return `Only providers submit feeds to ${source.name}, each for itself; ${token}.`;
      if (principal.organisation !== provider)
        return `A provider submits feeds only as itself: this token is ${principal.organisation}'s, not ${provider}'s.`;
      return delivers
        ? undefined
        : `${provider} is not a provider of ${contract}, so it cannot submit feeds for it.`;
    case 'commissioner': {
      const commissioner = parties.find((p) => p.role === 'commissioner')?.ods ?? 'none';
      if (
        !(principal.role === 'commissioner' || principal.role === 'admin') ||
        !commissions(parties, principal.organisation)
      )
        return `${source.name} is submitted by the commissioner of ${contract} (${commissioner}), for each of its providers; ${token}.`;
      return delivers
        ? undefined
        : `${provider} is not a provider of ${contract}, so no feed is submitted for it.`;
    }
    case 'data-service':
      if (
        principal.organisation !== submitter.ods ||
        !(principal.role === 'provider' || principal.role === 'commissioner')
      )
        return `${source.name} is submitted by the data service ${submitter.organisation} (${submitter.ods}), for each provider of ${contract}; ${token}.`;
      return delivers
        ? undefined
        : `${provider} is not a provider of ${contract}, so no feed is submitted for it.`;
  }
}

/** Whether the caller may submit anything to the contract: some source it may send for some provider. */
export function canSubmitAny(
  principal: Principal,
  parties: PartyRow[],
  contract: string,
  sources: readonly SubmittedSource[],
): boolean {
  const providers = parties.filter((p) => DELIVERING.has(p.role)).map((p) => p.ods);
  return sources.some((source) =>
    providers.some((provider) => !submitRefusal(principal, parties, contract, source, provider)),
  );
}

/** Finance statements: finance teams and commissioners party to the contract, and auditors. */
export function canReadStatement(principal: Principal, parties: PartyRow[]): boolean {
  if (principal.role === 'auditor') return true;
  if (principal.role !== 'finance' && principal.role !== 'commissioner') return false;
  return parties.some((p) => p.ods === principal.organisation);
}

/**
 * Whose figures a reader of a position or statement sees: auditors and the commissioning
 * organisation's staff see every provider (or the one they ask for); anyone else, only their own
 * organisation's, and asking for another provider's is refused.
 */
export function providerScope(
  principal: Principal,
  parties: PartyRow[],
  requested: string | undefined,
): { provider: string | undefined } | { refusal: string } {
  if (principal.role === 'auditor' || commissions(parties, principal.organisation))
    return { provider: requested };
  if (requested !== undefined && requested !== principal.organisation) {
    return { refusal: `${principal.organisation} sees only its own figures, not ${requested}'s.` };
  }
  return { provider: principal.organisation };
}

/** The audit log: auditors and admins. */
export function canReadAudit(principal: Principal): boolean {
  return principal.role === 'auditor' || principal.role === 'admin';
}

/** Creating, listing and revoking tokens: admins only. */
export function canManageTokens(principal: Principal): boolean {
  return principal.role === 'admin';
}
