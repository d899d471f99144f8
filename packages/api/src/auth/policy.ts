import type { ContractModel } from '@parity/engine';
import type { Principal } from './tokens.js';

/** A party to a contract version: its ODS code and its role in the contract. */
export interface PartyRow {
  ods: string;
  role: string;
}

const DELIVERING = new Set(['provider', 'prime', 'subcontractor']);

/**
 * Who may see a contract: auditors and admins all; commissioners and finance teams the contracts
 * their organisation is party to; providers the contracts they deliver.
 */
export function canReadContract(principal: Principal, parties: PartyRow[]): boolean {
  if (principal.role === 'admin' || principal.role === 'auditor') return true;
  const own = parties.filter((p) => p.ods === principal.organisation);
  if (principal.role === 'provider') return own.some((p) => DELIVERING.has(p.role));
  return own.length > 0;
}

/** A commissioner publishes only contracts it commissions. */
export function canPublish(principal: Principal, model: ContractModel): boolean {
  if (principal.role !== 'commissioner') return false;
  return model.contract.parties.some((p) => p.role === 'commissioner' && p.ods === principal.organisation);
}

/** A provider submits feeds only as itself, for contracts it delivers. */
export function canSubmit(principal: Principal, parties: PartyRow[], provider: string): boolean {
  return principal.role === 'provider' && principal.organisation === provider && parties.some((p) => p.ods === provider && DELIVERING.has(p.role));
}

/** Finance statements: finance teams and commissioners party to the contract, auditors and admins. */
export function canReadStatement(principal: Principal, parties: PartyRow[]): boolean {
  if (principal.role === 'admin' || principal.role === 'auditor') return true;
  if (principal.role !== 'finance' && principal.role !== 'commissioner') return false;
  return parties.some((p) => p.ods === principal.organisation);
}

export function canReadAudit(principal: Principal): boolean {
  return principal.role === 'auditor' || principal.role === 'admin';
}
