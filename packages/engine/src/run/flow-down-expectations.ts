import type { ContractModel } from '../model/index.js';
import { formatPence } from '../money.js';
import type { PaymentLine } from '../payments/payment-line.js';

/**
 * What a prime's test can say of an indicator that flows down: how much of what the prime earns on
 * it goes to its sub-contractors (`flows down £…`) and what the prime keeps (`keeps £…`). The
 * flowed amounts are the sub-contracts' own flow-down lines, each sub-contract evaluated on the
 * prime's result, as the service shows them on the prime's statement.
 */

/** The contracts under a prime, among those the tests were given. */
export function subContractsOf(
  prime: ContractModel,
  models: ReadonlyMap<string, ContractModel> | undefined,
): ContractModel[] {
  return [...(models?.values() ?? [])].filter((m) => m.contract.parent === prime.contract.name);
}

/** The figure compared and its explanation, for an indicator's earned and flowed-down lines. */
export function flowDownFigure(
  kind: 'flows-down' | 'kept',
  earned: readonly PaymentLine[],
  flows: readonly PaymentLine[],
): { pence: bigint; explanation: string[] } {
  const earnedPence = earned.reduce((sum, line) => sum + line.pence, 0n);
  const flowedPence = flows.reduce((sum, line) => sum + line.pence, 0n);
  const explanation = [
    `earned ${formatPence(earnedPence)}: ${earned.map((l) => l.trace.text).join('; ') || 'no line'}`,
    `flows down ${formatPence(flowedPence)}: ${flows.map((l) => l.trace.text).join('; ') || 'no sub-contract takes a share'}`,
  ];
  return { pence: kind === 'flows-down' ? flowedPence : earnedPence - flowedPence, explanation };
}
