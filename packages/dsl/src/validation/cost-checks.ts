import type { ValidationAcceptor } from 'langium';
import type { AbsorbedCost } from '../language/generated/ast.js';
import { containingContract, deliveringOrganisations } from '../language/parity-facts.js';
import { IssueCodes } from './issue-codes.js';
import { report } from './report.js';

/**
 * A cost carried beyond what is paid is a provider's: the organisation carrying it must deliver
 * care under the contract, or the unfunded gap would be shown against someone the contract does
 * not pay.
 */
export function checkAbsorbedCost(cost: AbsorbedCost, accept: ValidationAcceptor): void {
  const contract = containingContract(cost);
  const carrier = cost.organisation.ref;
  if (!contract || !carrier) return;
  if (deliveringOrganisations(contract).includes(carrier)) return;
  report(
    accept,
    'error',
    IssueCodes.CostCarrierNotParty,
    `${carrier.name} is not a provider of ${contract.name}, so the contract pays it nothing towards ${cost.name}: name a provider of this contract after 'carried by'.`,
    { node: cost, property: 'organisation' },
  );
}
