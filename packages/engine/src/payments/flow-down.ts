import { DomainError, DomainErrorCodes } from '../core/errors.js';
import { fromPercent, mul, rational, toDecimal } from '../core/rational.js';
import { formatPence } from '../money.js';
import { describeRounding, type EvaluationContext, mainProvider, roundLine } from './context.js';
import type { PaymentLine } from './payment-line.js';

/**
 * What a sub-contract's flow-down reads: the prime contract's own evaluation for the same year and
 * date (its payment lines, each with the version that priced it when known). The sub-contract never
 * evaluates the prime itself, so the two always agree on what the prime earned.
 */
export interface PrimeResult {
  /** The prime contract's name. */
  contract: string;
  /** The financial year the prime was evaluated for. */
  year: string;
  lines: readonly (PaymentLine & { version?: number })[];
}

/** The prime's lines a flow-down may share: what it earns on its CQUIN and withhold indicators. */
const sharesIn = (line: PaymentLine, indicator: string) =>
  (line.kind === 'withhold' || line.kind === 'cquin') && line.clause === indicator;

/**
 * A sub-contractor's share of what the prime earns on the indicators that flow down to it: for
 * each of the prime's lines on such an indicator, share × earned, rounded on the line.
 */
export function evaluateFlowDown(context: EvaluationContext, prime: PrimeResult | undefined): PaymentLine[] {
  const contract = context.model.contract;
  if (!prime || prime.contract !== contract.parent) {
    throw new DomainError(
      DomainErrorCodes.MissingParent,
      `${contract.name} takes a flow-down from ${contract.parent ?? 'its prime'}, whose evaluation was not supplied: evaluate the prime contract first and pass its result.`,
    );
  }
  if (prime.year !== contract.year) {
    throw new DomainError(
      DomainErrorCodes.MissingParent,
      `${contract.name} is evaluated for ${contract.year} but the prime's result supplied is for ${prime.year}: evaluate the prime for the same year.`,
    );
  }
  const receiver = contract.parties.find((p) => p.role === 'subcontractor')?.ods ?? mainProvider(context);
  return contract.flowDown.flatMap((flow) =>
    prime.lines
      .filter((line) => sharesIn(line, flow.indicator))
      .map((line) => {
        const exact = mul(rational(line.pence), fromPercent(flow.sharePercent));
        const pence = roundLine(context, exact);
        const version = line.version === undefined ? '' : ` (version ${line.version})`;
        return {
          kind: 'flow-down' as const,
          clause: flow.indicator,
          provider: receiver,
          period: line.period,
          pence,
          status: line.status,
          attainment: line.attainment,
          provisional: line.provisional,
          trace: {
            clause: flow.indicator,
            location: contract.location,
            inputs: {
              prime: prime.contract,
              primeProvider: line.provider,
              primeEarnedPence: line.pence.toString(),
              ...(line.version === undefined ? {} : { primeVersion: String(line.version) }),
              sharePercent: flow.sharePercent,
            },
            formula: `${flow.sharePercent}% × ${line.pence}p = ${toDecimal(exact, 4)}p`,
            rounding: describeRounding(context),
            text: `Flow-down of ${flow.indicator}, ${line.period}: ${flow.sharePercent}% of the ${formatPence(line.pence)} the prime earns${version} = ${formatPence(pence)} (prime: ${line.trace.text})`,
          },
        };
      }),
  );
}
