import { addMonths, dayAfterMonth, dayNumber, monthsOfYear } from '../calendar/index.js';
import { lastMonthOf, type Period } from '../calendar/periods.js';
import { allocatePence } from '../core/allocate.js';
import {
  add,
  clamp,
  compare,
  fromPercent,
  min,
  mul,
  ONE,
  type Rational,
  rational,
  sub,
  toDecimal,
  toPercentText,
  ZERO,
} from '../core/rational.js';
import type { MeasureResult } from '../measures/measure-result.js';
import type { Monitor, RiskShare, ShareBand } from '../model/contract.js';
import type { Measure } from '../model/measure.js';
import { formatPence } from '../money.js';
import { compareWithBaseline } from '../run/baseline.js';
import { thresholdValue } from './attainment.js';
import { amountPence, type EvaluationContext, odsOf, roundLine } from './context.js';
import { type LimitValue, limitPence } from './limits.js';
import type { PaymentLine } from './payment-line.js';

/** The settled figures of a risk and gain share for the year. */
export interface RiskShareResult {
  name: string;
  side: 'gain' | 'loss' | 'none';
  /** Budget − outturn: positive is a gain (underspend), negative a loss. */
  variancePence: bigint;
  /** The provider side's part: positive received, negative borne. */
  providersPence: bigint;
  /** The rest of the variance, kept (gain) or borne (loss) by the commissioner. */
  commissionerPence: bigint;
  steps: string[];
}

/**
 * Compares outturn with the budget and shares the variance: a deadband shares only the excess over
 * it, a minimum shares from the first pound once reached; bands give the providers their
 * percentage of each slice; a cap limits the providers' gain and a collar their loss; a quality
 * gate or modifier scales a gain before or after the cap. The provider side is then divided among
 * providers so the parts add up to it exactly.
 */
export function evaluateRiskShare(
  context: EvaluationContext,
  share: RiskShare,
): { result?: RiskShareResult; lines: PaymentLine[] } {
  const year = context.model.contract.year;
  const outturn = context.measureResult(share.outturn, '*', { kind: 'year', year });
  const budget = BigInt(share.budget.pence);
  const location = share.location;
  if (outturn.status !== 'scored' || (outturn.pence === undefined && !outturn.value)) {
    const text = `Risk share ${share.name}, ${year}: no outturn yet (${outturn.status}); nothing is shared`;
    return {
      lines: [
        {
          kind: 'risk-share',
          clause: share.name,
          provider: '*',
          period: year,
          pence: 0n,
          status: outturn.status === 'not-yet-due' ? 'not-yet-due' : 'no-data',
          provisional: true,
          trace: { clause: share.name, location, inputs: {}, formula: 'no outturn', text },
        },
      ],
    };
  }
  const { spent, forecast, provisional, budget: compared } = yearOutturn(context, share, outturn, budget);
  const variance = compared - spent;
  const side = variance > 0n ? 'gain' : variance < 0n ? 'loss' : 'none';
  const steps = [
    ...(forecast ? [forecast] : []),
    `budget ${formatPence(compared)} − ${forecast && share.partYear === 'run-rate' ? 'forecast ' : ''}outturn ${formatPence(spent)} = ${side === 'loss' ? 'loss' : 'gain'} ${formatPence(variance < 0n ? -variance : variance)}`,
  ];
  const magnitude = rational(variance < 0n ? -variance : variance);
  let providers = side === 'none' ? ZERO : providersPart(context, share, side, magnitude, compared, steps);
  if (side === 'gain') providers = applyQualityAndCap(context, share, providers, compared, steps);
  if (side === 'loss' && share.collar) {
    const collar = limitPence(context, share.collar, compared);
    steps.push(limitStep(context, 'collar', collar, compare(providers, collar.pence) > 0));
    providers = min(providers, collar.pence);
  }
  const providersAbs = roundLine(context, providers);
  const providersPence = side === 'loss' ? -providersAbs : providersAbs;
  const commissionerPence = variance - providersPence;
  const verb = side === 'loss' ? 'bear' : 'receive';
  steps.push(
    `providers ${verb} ${formatPence(providersAbs)}; the commissioner ${side === 'loss' ? 'bears' : 'keeps'} ${formatPence(commissionerPence < 0n ? -commissionerPence : commissionerPence)}`,
  );
  const result: RiskShareResult = {
    name: share.name,
    side,
    variancePence: variance,
    providersPence,
    commissionerPence,
    steps,
  };
  const text = `Risk share ${share.name}, ${year}: ${steps.join('; ')}`;
  const trace = {
    clause: share.name,
    location,
    inputs: { budgetPence: compared.toString(), outturnPence: spent.toString(), ...outturn.trace.inputs },
    formula: steps.join('; '),
    rounding: `${context.rounding.mode} to the ${context.rounding.unit}`,
    text,
  };
  const total: PaymentLine = {
    kind: 'risk-share',
    clause: share.name,
    provider: '*',
    period: year,
    pence: providersPence,
    status: 'earned',
    provisional,
    trace,
  };
  return {
    result,
    lines: [total, ...splitAmongProviders(context, share, providersPence, year, trace, provisional)],
  };
}

/**
 * The outturn and the budget it meets. A whole year's outturn meets the whole budget, and is final
 * once the year is over. Part way through (fewer than twelve months reported), the contract says
 * how: against the budget for the months reported (the budget pro rata), or carried forward at its
 * monthly rate to the year. Either way the figure is provisional and says which months are to come.
 */
function yearOutturn(
  context: EvaluationContext,
  share: RiskShare,
  outturn: MeasureResult,
  budget: bigint,
): { spent: bigint; budget: bigint; provisional: boolean; forecast?: string } {
  const actual = outturn.pence ?? roundLine(context, outturn.value ?? ZERO);
  const year = context.model.contract.year;
  const yearOver = dayNumber(context.asOf) >= dayAfterMonth(lastMonthOf({ kind: 'year', year }));
  const months = outturn.monthsReported;
  if (months === undefined || months >= 12) return { spent: actual, budget, provisional: !yearOver };
  const toCome = describeMonths(
    monthsOfYear(year).filter((m) => !(outturn.reportedMonths ?? []).includes(m)),
  );
  const reported = `${months} month${months === 1 ? '' : 's'}`;
  if (share.partYear === 'run-rate') {
    const spent = roundLine(context, mul(rational(actual), rational(12n, BigInt(months))));
    return {
      spent,
      budget,
      provisional: true,
      forecast: `outturn ${formatPence(actual)} for ${reported}, at that rate ${formatPence(spent)} for the year (provisional; months to come: ${toCome})`,
    };
  }
  const forMonths = roundLine(context, mul(rational(budget), rational(BigInt(months), 12n)));
  return {
    spent: actual,
    budget: forMonths,
    provisional: true,
    forecast: `budget ${formatPence(budget)} × ${months}/12 for the ${reported} reported = ${formatPence(forMonths)} (provisional; months to come: ${toCome})`,
  };
}

/** Months as a reader would list them: a run as `2026-11 to 2027-03`. */
function describeMonths(months: string[]): string {
  if (months.length === 0) return 'none';
  const runs: string[][] = [];
  for (const month of months) {
    const run = runs.at(-1);
    if (run && addMonths(run.at(-1) as string, 1) === month) run.push(month);
    else runs.push([month]);
  }
  return runs.map((r) => (r.length === 1 ? r[0] : `${r[0]} to ${r.at(-1)}`)).join(', ');
}

function providersPart(
  context: EvaluationContext,
  share: RiskShare,
  side: 'gain' | 'loss',
  magnitude: Rational,
  budget: bigint,
  steps: string[],
): Rational {
  let shareable = magnitude;
  for (const threshold of share.thresholds.filter((t) => t.side === side || t.side === 'both')) {
    const limit = amountPence(context, threshold.amount, budget);
    const reached = compare(magnitude, limit) >= 0;
    if (threshold.kind === 'deadband') {
      shareable = reached ? sub(magnitude, limit) : ZERO;
      steps.push(
        `deadband ${formatPence(roundLine(context, limit))}: ${reached ? `${formatPence(roundLine(context, shareable))} beyond it is shared` : 'not exceeded, nothing shared'}`,
      );
    } else {
      if (!reached) shareable = ZERO;
      steps.push(
        `minimum ${formatPence(roundLine(context, limit))} ${reached ? 'reached: shared from the first pound' : 'not reached: nothing shared'}`,
      );
    }
  }
  const bands = side === 'gain' ? share.gain : share.loss;
  return applyBands(context, bands, shareable, budget, steps);
}

function applyBands(
  context: EvaluationContext,
  bands: ShareBand[],
  shareable: Rational,
  budget: bigint,
  steps: string[],
): Rational {
  let providers = ZERO;
  let lower = ZERO;
  for (const band of bands) {
    const upper = band.upTo ? amountPence(context, band.upTo, budget) : undefined;
    const slice = clamp(sub(upper ? min(shareable, upper) : shareable, lower), ZERO, shareable);
    const part = mul(slice, fromPercent(band.providersPercent));
    providers = add(providers, part);
    if (slice.n !== 0n)
      steps.push(
        `providers ${band.providersPercent}% of ${formatPence(roundLine(context, slice))} = ${formatPence(roundLine(context, part))}`,
      );
    if (!upper) break;
    lower = upper;
  }
  return providers;
}

function applyQualityAndCap(
  context: EvaluationContext,
  share: RiskShare,
  providers: Rational,
  budget: bigint,
  steps: string[],
): Rational {
  const quality = qualityFactor(context, share, steps);
  const order = share.qualityGate?.order ?? share.qualityModifier?.order ?? 'after-cap';
  let amount = providers;
  if (quality && order === 'before-cap') amount = mul(amount, quality);
  if (share.cap) {
    const cap = limitPence(context, share.cap, budget);
    steps.push(limitStep(context, 'cap', cap, compare(amount, cap.pence) > 0));
    amount = min(amount, cap.pence);
  }
  if (quality && order === 'after-cap') amount = mul(amount, quality);
  if (quality)
    steps.push(
      `quality factor ${toPercentText(quality)} applied ${order === 'before-cap' ? 'before' : 'after'} the cap gives ${formatPence(roundLine(context, amount))}`,
    );
  return amount;
}

function qualityFactor(context: EvaluationContext, share: RiskShare, steps: string[]): Rational | undefined {
  const year = context.model.contract.year;
  if (share.qualityGate) {
    const gate = share.qualityGate;
    const met = gate.measures.filter((measure) => measureMet(context, measure, year)).length;
    const open = met >= gate.required;
    steps.push(
      `quality gate: ${met} of ${gate.measures.length} measures met, ${gate.required} needed — ${open ? 'open' : `shut, ${gate.otherwisePercent}% paid`}`,
    );
    return open ? ONE : fromPercent(gate.otherwisePercent);
  }
  if (share.qualityModifier) {
    const result = context.measureResult(share.qualityModifier.measure, '*', { kind: 'year', year });
    const factor = result.status === 'scored' && result.value ? clamp(result.value, ZERO, ONE) : ZERO;
    steps.push(
      `quality score ${result.status === 'scored' ? toPercentText(factor) : `${result.status}, taken as 0%`}`,
    );
    return factor;
  }
  return undefined;
}

/**
 * Whether a monitored measure meets its target, in the measure's better direction: for the year
 * unless a period is given, and for the monitor's accountable provider unless one is named.
 */
export function measureMet(
  context: EvaluationContext,
  measureName: string,
  year: string,
  provider?: string,
  period?: Period,
): boolean {
  const monitors = context.model.contract.monitors.filter((m) => m.measure === measureName && m.target);
  const measure = context.model.measures.find((m) => m.name === measureName);
  if (monitors.length === 0 || !measure) return false;
  if (provider !== undefined) {
    const own = monitors.find((m) => odsOf(context, m.accountable) === provider) ?? monitors[0];
    return monitorMet(context, own as Monitor, measure, provider, year, period);
  }
  // Asked of the contract as a whole (a quality gate), a measure is met when every monitor on it
  // is met on its own accountable provider's figure (or the pooled figure, for one who names none).
  return monitors.every((m) =>
    monitorMet(context, m, measure, odsOf(context, m.accountable) ?? '*', year, period),
  );
}

function monitorMet(
  context: EvaluationContext,
  monitor: Monitor,
  measure: Measure,
  who: string,
  year: string,
  period: Period | undefined,
): boolean {
  if (!monitor.target) return false;
  const result = context.measureResult(measure.name, who, period ?? { kind: 'year', year });
  if (result.status !== 'scored' || !result.value) return false;
  if (monitor.baseline)
    return compareWithBaseline(context, measure, who, result, monitor.target, monitor.baseline).met === true;
  const target = thresholdValue(monitor.target);
  return measure.direction === 'lower'
    ? compare(result.value, target) <= 0
    : compare(result.value, target) >= 0;
}

/**
 * Divides the provider side among the providers so the parts sum to it exactly: by fixed shares
 * (percentages or fractions), equally, or pro rata to each provider's value. Each part gets its
 * exact share rounded down and the pennies left over go to the largest remainders, ties to the
 * provider listed first (in the split's list for fixed shares, else in the contract's parties).
 */
function splitAmongProviders(
  context: EvaluationContext,
  share: RiskShare,
  total: bigint,
  year: string,
  trace: PaymentLine['trace'],
  provisional: boolean,
): PaymentLine[] {
  const parties = context.model.contract.parties.filter((p) => p.role === 'provider' || p.role === 'prime');
  if (parties.length < 2 || total === 0n) return [];
  const split = share.providerSplit;
  // Fixed shares are allocated in the order the split lists them, so ties follow that order.
  const listed =
    split.basis === 'fixed'
      ? [
          ...split.shares.flatMap((s) => parties.filter((p) => p.organisation === s.organisation)),
          ...parties.filter((p) => !split.shares.some((s) => s.organisation === p.organisation)),
        ]
      : parties;
  const weights = listed.map((party) => providerWeight(split, party, parties.length));
  if (weights.every((w) => w.n === 0n)) return [];
  const allocated = allocatePence(total, weights);
  return parties.map((party) => {
    const index = listed.indexOf(party);
    const pence = allocated[index] ?? 0n;
    const weight = weights[index] ?? ZERO;
    const basis =
      split.basis === 'pro-rata-value'
        ? 'pro rata to value'
        : `${describeShare(split, party.organisation, weight)}`;
    return {
      kind: 'risk-share' as const,
      clause: share.name,
      provider: party.ods,
      period: year,
      pence,
      status: 'earned' as const,
      provisional,
      trace: {
        ...trace,
        text: `Risk share ${share.name}, ${year}, ${party.ods}: ${basis} of ${formatPence(total)} = ${formatPence(pence)}`,
      },
    };
  });
}

type Split = RiskShare['providerSplit'];
type Party = EvaluationContext['model']['contract']['parties'][number];

function providerWeight(split: Split, party: Party, providers: number): Rational {
  if (split.basis === 'equal') return rational(1n, BigInt(providers));
  if (split.basis === 'pro-rata-value') return rational(BigInt(party.valuePence ?? '0'));
  const found = split.shares.find((s) => s.organisation === party.organisation);
  if (found?.fraction) {
    const [n, d] = found.fraction.split('/');
    return rational(BigInt(n ?? '0'), BigInt(d ?? '1'));
  }
  return fromPercent(found?.percent ?? '0');
}

/** A share as the contract gives it: `40.00%`, `1/3`, or `1/3 (equally)`. */
function describeShare(split: Split, organisation: string, weight: Rational): string {
  if (split.basis === 'equal') return `1/${weight.d} (equally)`;
  const found =
    split.basis === 'fixed' ? split.shares.find((s) => s.organisation === organisation) : undefined;
  if (found?.fraction) return found.fraction;
  return `${toDecimal(mul(weight, rational(100n)), 2)}%`;
}

/**
 * A cap or collar's step in the explanation: `cap at 2% of budget = £1,000,000.00 binds`; for a
 * choice, both candidates and which is taken: `collar at lesser of (5% of budget = £500,000.00,
 * £1,000,000.00): the lesser is 5% of budget = £500,000.00, which binds`.
 */
function limitStep(
  context: EvaluationContext,
  kind: 'cap' | 'collar',
  limit: LimitValue,
  binds: boolean,
): string {
  if (limit.chosen)
    return `${kind} at ${limit.described}: ${limit.chosen}, which ${binds ? 'binds' : 'does not bind'}`;
  const pence = formatPence(roundLine(context, limit.pence));
  return binds ? `${kind} at ${limit.described} = ${pence} binds` : `${kind} at ${pence} does not bind`;
}
