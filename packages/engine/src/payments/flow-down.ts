import { fromPercent, mul, rational, toDecimal } from '../core/rational.js';
import { formatPence } from '../money.js';
import { describeRounding, type EvaluationContext, mainProvider, roundLine } from './context.js';
import type { PaymentLine } from './payment-line.js';

/**
 * A sub-contractor's share of what the prime earns on the indicators that flow down to it: for
 * each of the prime's lines on such an indicator, share × earned, rounded on the line.
 */
export function evaluateFlowDown(context: EvaluationContext, primeLines: PaymentLine[]): PaymentLine[] {
  const receiver =
    context.model.contract.parties.find((p) => p.role === 'subcontractor')?.ods ?? mainProvider(context);
  return context.model.contract.flowDown.flatMap((flow) =>
    primeLines
      .filter((line) => (line.kind === 'withhold' || line.kind === 'cquin') && line.clause === flow.indicator)
      .map((line) => {
        const exact = mul(rational(line.pence), fromPercent(flow.sharePercent));
        const pence = roundLine(context, exact);
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
            location: context.model.contract.location,
            inputs: { primeEarnedPence: line.pence.toString(), sharePercent: flow.sharePercent },
            formula: `${flow.sharePercent}% × ${line.pence}p = ${toDecimal(exact, 4)}p`,
            rounding: describeRounding(context),
            text: `Flow-down of ${flow.indicator}, ${line.period}: ${flow.sharePercent}% of the prime's ${formatPence(line.pence)} = ${formatPence(pence)} (prime: ${line.trace.text})`,
          },
        };
      }),
  );
}
