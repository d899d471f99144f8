import { formatPence } from '../money.js';
import type { PaymentLine } from '../payments/payment-line.js';
import type { ContractPosition } from './evaluate-position.js';
import type { PricedLine } from './versions.js';
import type { PositionSource } from './views.js';

/** A sub-contract under a prime, and its flow-down lines as evaluated from the prime's result. */
export interface SubContractFlowDown {
  contract: string;
  version: number;
  lines: readonly PaymentLine[];
}

/**
 * The prime's position with memorandum lines: for each line the prime earns on an indicator that
 * flows down, what flows down to each sub-contractor (the sub-contract's own flow-down line, so the
 * two always agree) and what the prime keeps. Memoranda move no money and are in no total.
 */
export function withFlowDownMemoranda(
  prime: ContractPosition,
  source: PositionSource,
  subContracts: readonly SubContractFlowDown[],
): ContractPosition {
  const primeLines: readonly PricedLine[] =
    prime.lines ?? prime.result.lines.map((line) => ({ ...line, version: source.version }));
  const memoranda: PricedLine[] = [];
  for (const line of primeLines) {
    if (line.kind !== 'withhold' && line.kind !== 'cquin') continue;
    const flows = subContracts.flatMap((sub) =>
      sub.lines
        .filter((f) => f.kind === 'flow-down' && f.clause === line.clause && f.period === line.period)
        .filter((f) => f.trace.inputs.primeProvider === line.provider)
        .map((f) => flowsDown(line, f, sub)),
    );
    if (flows.length === 0) continue;
    memoranda.push(...flows, kept(line, flows));
  }
  return memoranda.length === 0 ? prime : { ...prime, memoranda };
}

function flowsDown(line: PricedLine, flow: PaymentLine, sub: SubContractFlowDown): PricedLine {
  const share = flow.trace.inputs.sharePercent ?? '';
  return {
    ...flow,
    kind: 'flows-down',
    scheme: line.scheme,
    version: line.version,
    trace: {
      ...flow.trace,
      inputs: { ...flow.trace.inputs, subContract: sub.contract, subContractVersion: String(sub.version) },
      text: `Memorandum: ${formatPence(flow.pence)} of the ${formatPence(line.pence)} earned on ${line.clause}, ${line.period}, flows down to ${flow.provider} under ${sub.contract} (version ${sub.version}): ${share}% of it, paid under the sub-contract`,
    },
  };
}

function kept(line: PricedLine, flows: readonly PricedLine[]): PricedLine {
  const flowed = flows.reduce((sum, f) => sum + f.pence, 0n);
  const pence = line.pence - flowed;
  return {
    ...line,
    kind: 'kept',
    pence,
    trace: {
      clause: line.clause,
      location: line.trace.location,
      inputs: { earnedPence: line.pence.toString(), flowsDownPence: flowed.toString() },
      formula: `${line.pence}p − ${flowed}p = ${pence}p`,
      text: `Memorandum: ${line.provider} keeps ${formatPence(pence)} of the ${formatPence(line.pence)} earned on ${line.clause}, ${line.period}, after ${formatPence(flowed)} flows down`,
    },
  };
}
