import { toDecimal } from '../core/rational.js';
import { apportion, type CommissionerShare } from './apportionment.js';
import type { PaymentLineJson } from './schema.js';
import type { PricedLine } from './versions.js';

/**
 * A payment line as JSON: pence as a digit string, never a float. The readable explanation always
 * comes with it; the structured trace (clause location, inputs, formula, rounding) is included
 * where finance needs to re-check it, in statements. Each line names the version that priced it.
 */
export function lineJson(
  line: PricedLine,
  withTrace: boolean,
  shares?: readonly CommissionerShare[],
): PaymentLineJson {
  return {
    version: line.version,
    kind: line.kind,
    clause: line.clause,
    scheme: line.scheme,
    provider: line.provider,
    period: line.period,
    pence: line.pence.toString(),
    pounds: toDecimal({ n: line.pence, d: 100n }, 2),
    status: line.status,
    attainment: line.attainment,
    provisional: line.provisional,
    explanation: line.trace.text,
    ...(withTrace ? { trace: line.trace } : {}),
    ...(shares ? { commissioners: apportion(line.pence, shares) } : {}),
  };
}
