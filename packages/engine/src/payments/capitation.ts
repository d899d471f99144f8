import { financialYearOf, monthsOfYear } from '../calendar/index.js';
import { periodLabel, quarterPeriodOf } from '../calendar/periods.js';
import { allocatePence } from '../core/allocate.js';
import {
  add,
  div,
  fromDecimal,
  fromPercent,
  mul,
  type Rational,
  rational,
  toDecimal,
  ZERO,
} from '../core/rational.js';
import type { Capitation } from '../model/contract.js';
import { formatPence } from '../money.js';
import { type EvaluationContext, isProvisional } from './context.js';
import { describeMonthlyRounding, roundMonths } from './monthly-rounding.js';
import type { PaymentLine } from './payment-line.js';

/**
 * Capitation paid monthly: (weighted) population × the annual rate ÷ 12, rounded on each monthly
 * line, or under the annual rounding policy as instalments of the year rounded once. A population is a level: a month uses its own figure, else its quarter's, else the year's.
 * With several providers holding fixed shares, each monthly payment is divided by those shares.
 */
export function evaluateCapitation(context: EvaluationContext, capitation: Capitation): PaymentLine[] {
  const rate = rational(BigInt(capitation.ratePencePerYear));
  const providers = context.model.contract.parties.filter(
    (p) => (p.role === 'provider' || p.role === 'prime') && p.sharePercent,
  );
  const months = monthsOfYear(context.model.contract.year).flatMap((month) => {
    const population = populationFor(context, capitation, month);
    return population
      ? [{ month, population, exact: div(mul(population.headcount, rate), rational(12n)) }]
      : [];
  });
  const rounded = roundMonths(
    context,
    months.map((m) => m.exact),
  );
  const annual = context.rounding.totals === 'annual';
  let running = 0n;
  return months.flatMap(({ month, population, exact }, index) => {
    const pence = rounded[index] ?? 0n;
    running += pence;
    const shown = annual
      ? `£${toDecimal(div(exact, rational(100n)), 4)}, instalment ${formatPence(pence)} (the year so far ${formatPence(running)}, rounded once)`
      : formatPence(pence);
    const text = `Capitation ${capitation.name}, ${month}: ${population.shown} × ${formatPence(BigInt(capitation.ratePencePerYear))} a year ÷ 12 = ${shown}`;
    const trace = {
      clause: capitation.name,
      location: capitation.location,
      inputs: {
        population: toDecimal(population.headcount, 2),
        ratePencePerYear: capitation.ratePencePerYear,
      },
      formula: `${toDecimal(population.headcount, 2)} × ${capitation.ratePencePerYear}p ÷ 12`,
      rounding: describeMonthlyRounding(context, annual ? running : undefined),
      text,
    };
    const provisional = isProvisional(context, month);
    if (providers.length < 2) {
      return [
        {
          kind: 'capitation' as const,
          clause: capitation.name,
          provider: providers[0]?.ods ?? '*',
          period: month,
          pence,
          status: 'earned' as const,
          provisional,
          trace,
        },
      ];
    }
    const parts = allocatePence(
      pence,
      providers.map((p) => fromPercent(p.sharePercent ?? '0')),
    );
    return providers.map((party, index) => ({
      kind: 'capitation' as const,
      clause: capitation.name,
      provider: party.ods,
      period: month,
      pence: parts[index] ?? 0n,
      status: 'earned' as const,
      provisional,
      trace: {
        ...trace,
        text: `${text}; ${party.ods} share ${party.sharePercent}% = ${formatPence(parts[index] ?? 0n)}`,
      },
    }));
  });
}

function populationFor(
  context: EvaluationContext,
  capitation: Capitation,
  month: string,
): { headcount: Rational; shown: string } | undefined {
  if (capitation.weights.length > 0) {
    let weighted = ZERO;
    const shown: string[] = [];
    for (const weight of capitation.weights) {
      const level = levelFor(context, weight.membership, month);
      if (!level) return undefined;
      weighted = add(weighted, mul(level, fromDecimal(weight.factor)));
      shown.push(`${toDecimal(level, 0)} × ${weight.factor} (${weight.band})`);
    }
    return {
      headcount: weighted,
      shown: `weighted population ${shown.join(' + ')} = ${toDecimal(weighted, 2)}`,
    };
  }
  const level = capitation.membership ? levelFor(context, capitation.membership, month) : undefined;
  return level && { headcount: level, shown: `${toDecimal(level, 0)} people` };
}

/** A month's own population; else one given for its quarter; else one given for its year. */
function levelFor(context: EvaluationContext, measure: string, month: string): Rational | undefined {
  const own = context.measureResult(measure, '*', { kind: 'month', month });
  if (own.status === 'scored' && own.value) return own.value;
  for (const period of [quarterPeriodOf(month), { kind: 'year' as const, year: financialYearOf(month) }]) {
    if (!context.aggregates.get(measure, '*', periodLabel(period))) continue;
    const result = context.measureResult(measure, '*', period);
    if (result.status === 'scored' && result.value) return result.value;
  }
  return undefined;
}
