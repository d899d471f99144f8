import { daysInFinancialYear } from '../calendar/index.js';
import { div, fromDecimal, rational } from '../core/rational.js';
import type { SourceLocation } from '../model/common.js';
import type { RiskShare, Scheme } from '../model/contract.js';
import type { ContractModel } from '../model/index.js';
import { formatPence } from '../money.js';
import { activityPence } from './activity.js';
import { blockInstalments } from './block.js';
import { type PricingContext, pricingContext, roundLine } from './context.js';
import { limitPence } from './limits.js';
import { assessedIndicators, indicatorParts, mostPayable, schemeValue } from './scheme.js';

export type StakeKind =
  | 'block'
  | 'cquin'
  | 'withhold'
  | 'indicator'
  | 'activity'
  | 'capitation'
  | 'year-of-care'
  | 'risk-share';

/**
 * What a paying clause puts at stake, from the contract alone, priced exactly as the engine pays
 * it (the contract's rounding included). `pence` is the most the clause pays for the year when the
 * contract fixes it; `parts` are the periods it is paid or assessed in; `text` says it in a line.
 */
export interface Stake {
  kind: StakeKind;
  clause: string;
  /** The scheme an indicator belongs to. */
  scheme?: string;
  pence?: bigint;
  parts: { period: string; pence: bigint }[];
  text: string;
  /** The figure in a few words, for beside the clause: `12 × £200,000.00`, `£26.67 a person a month`. */
  brief?: string;
  /** A risk share's cap and collar in pence, once the budget prices a percentage. */
  limits?: { cap?: bigint; collar?: bigint };
  location: SourceLocation;
}

/** The stake of every paying clause of a contract, in the order the contract declares them. */
export function contractStakes(model: ContractModel): Stake[] {
  const context = pricingContext(model);
  const contract = model.contract;
  return [
    ...blockStake(context),
    ...contract.schemes.flatMap((scheme) => schemeStakes(context, scheme)),
    ...contract.activities.map((activity): Stake => {
      const planned = activity.plan
        ? activityPence(context, activity, fromDecimal(activity.plan))
        : undefined;
      const price = `${formatPence(BigInt(activity.pricePence))} a ${activity.unit}`;
      return {
        kind: 'activity',
        clause: activity.name,
        pence: planned,
        parts: [],
        brief: planned === undefined ? undefined : `${formatPence(planned)} at plan`,
        text:
          planned === undefined
            ? `${price}, for each ${activity.unit} counted`
            : `${price}; the plan of ${activity.plan} ${activity.unit}s is worth ${formatPence(planned)} a year`,
        location: activity.location,
      };
    }),
    ...contract.capitations.map((capitation): Stake => {
      const rate = BigInt(capitation.ratePencePerYear);
      const month = roundLine(context, div(rational(rate), rational(12n)));
      return {
        kind: 'capitation',
        clause: capitation.name,
        parts: [],
        brief: `${formatPence(month)} a person a month`,
        text: `${formatPence(rate)} a person a year, paid monthly (${formatPence(month)} a month for each person)${annualNote(context)}`,
        location: capitation.location,
      };
    }),
    ...contract.yearsOfCare.map((yearOfCare): Stake => {
      const rate = BigInt(yearOfCare.ratePencePerYear);
      const days = daysInFinancialYear(contract.year);
      const day = roundLine(context, div(rational(rate), rational(BigInt(days))));
      return {
        kind: 'year-of-care',
        clause: yearOfCare.name,
        parts: [],
        brief: `${formatPence(day)} a person a day`,
        text: `${formatPence(rate)} a person a year, paid by member-day (${formatPence(day)} a day over the ${days} days of ${contract.year})${annualNote(context)}`,
        location: yearOfCare.location,
      };
    }),
    ...contract.riskShares.map((share) => riskShareStake(context, share)),
  ];
}

function blockStake(context: PricingContext): Stake[] {
  const contract = context.model.contract;
  const instalments = blockInstalments(context);
  if (instalments.length === 0 || !contract.valuePence) return [];
  const value = BigInt(contract.valuePence);
  const withheld = instalments.reduce((sum, i) => sum + i.withheld, 0n);
  const less = withheld > 0n ? `, after ${formatPence(withheld)} withheld` : '';
  return [
    {
      kind: 'block',
      clause: contract.name,
      pence: value,
      parts: instalments.map((i) => ({ period: i.label, pence: i.pence })),
      brief: describeParts(instalments.map((i) => i.pence)),
      text: `${formatPence(value)} a year in ${instalments.length} ${contract.instalments} instalment${instalments.length === 1 ? '' : 's'}${instalments.length > 1 ? ` (${describeParts(instalments.map((i) => i.pence))}${less})` : less}`,
      location: contract.location,
    },
  ];
}

function schemeStakes(context: PricingContext, scheme: Scheme): Stake[] {
  const value = schemeValue(context, scheme);
  const byPeriod = (available: bigint) =>
    indicatorParts(context, scheme, available).map((part) => ({
      period:
        part.period.kind === 'quarter'
          ? `${part.period.year} ${part.period.quarter}`
          : context.model.contract.year,
      pence: mostPayable(context, part.available),
    }));
  const stakeOf = (clause: string, parts: Stake['parts'], location: SourceLocation, of = ''): Stake => {
    const pence = parts.reduce((sum, part) => sum + part.pence, 0n);
    const quarters =
      parts.length > 1 ? ` (${parts.map((p) => formatPence(p.pence)).join(' + ')} by quarter)` : '';
    return {
      kind: 'indicator',
      clause,
      scheme: scheme.name,
      pence,
      parts,
      text: `${of}${formatPence(pence)} a year${quarters}`,
      brief: formatPence(pence),
      location,
    };
  };
  // An indicator with parts is worth what its parts pay; each part is priced from its share.
  const assessed = assessedIndicators(context, scheme, value);
  const indicators = scheme.indicators.flatMap((indicator): Stake[] => {
    const own = assessed.filter(
      (a) => a.assessed.name === indicator.name || a.assessed.partOf?.indicator === indicator.name,
    );
    const parts = own.map(({ assessed: part, value: available }) =>
      stakeOf(
        part.name,
        byPeriod(available),
        part.location,
        part.partOf ? `${part.partOf.sharePercent}% of ${indicator.name}: ` : '',
      ),
    );
    if (!indicator.parts?.length) return parts;
    const periods = byPeriod(0n).map((period, at) => ({
      period: period.period,
      pence: parts.reduce((sum, part) => sum + (part.parts[at]?.pence ?? 0n), 0n),
    }));
    const whole = stakeOf(indicator.name, periods, indicator.location);
    const names = parts.map((p) => `${p.clause} ${p.brief}`).join(', ');
    return [{ ...whole, text: `${whole.text}, in parts: ${names}` }, ...parts];
  });
  return [
    {
      kind: scheme.kind,
      clause: scheme.name,
      pence: value,
      parts: [],
      text: `${formatPence(value)} a year, assessed ${scheme.assessment}`,
      brief: formatPence(value),
      location: scheme.location,
    },
    ...indicators,
  ];
}

function riskShareStake(context: PricingContext, share: RiskShare): Stake {
  const budget = BigInt(share.budget.pence);
  const limit = (amount: RiskShare['cap'] & object) =>
    roundLine(context, limitPence(context, amount, budget).pence);
  const facts = [`${share.budget.kind} ${formatPence(budget)}`];
  for (const threshold of share.thresholds)
    facts.push(`${threshold.kind} ${formatPence(limit(threshold.amount))} (${threshold.side})`);
  const cap = share.cap && limit(share.cap);
  const collar = share.collar && limit(share.collar);
  // A limit chosen from several amounts shows each priced: `(lesser of (8% of value = £2,400,000.00, …))`.
  const chosen = (amount: RiskShare['cap'] & object) =>
    amount.kind === 'lesser-of' || amount.kind === 'greater-of'
      ? ` (${limitPence(context, amount, budget).described})`
      : '';
  if (cap !== undefined && share.cap)
    facts.push(`providers' gain capped at ${formatPence(cap)}${chosen(share.cap)}`);
  if (collar !== undefined && share.collar)
    facts.push(`providers' loss collared at ${formatPence(collar)}${chosen(share.collar)}`);
  return {
    kind: 'risk-share',
    clause: share.name,
    parts: [],
    limits: { cap, collar },
    text: facts.join('; '),
    location: share.location,
  };
}

/** Under `round the annual amount, pay monthly instalments`, how the months are rounded. */
function annualNote(context: PricingContext): string {
  return context.rounding.totals === 'annual'
    ? '; the annual amount is rounded once and the months are instalments of it'
    : '';
}

/** Equal parts said briefly: `12 × £200,000.00`, or `£3.34 + 2 × £3.33` when the pennies differ. */
function describeParts(parts: bigint[]): string {
  const runs: { pence: bigint; count: number }[] = [];
  for (const pence of parts) {
    const last = runs.at(-1);
    if (last && last.pence === pence) last.count++;
    else runs.push({ pence, count: 1 });
  }
  return runs
    .map((r) => (r.count === 1 ? formatPence(r.pence) : `${r.count} × ${formatPence(r.pence)}`))
    .join(' + ');
}
