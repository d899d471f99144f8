import { parsePercent } from '@parity/engine';
import type { ValidationAcceptor } from 'langium';
import {
  type Amount,
  type Budget,
  isMeasureUse,
  isMonitor,
  isPartYear,
  isProviderSplit,
  isQualityGate,
  isQualityModifier,
  isShareBudget,
  isShareLimit,
  isShareOutturn,
  isSharing,
  type Pilot,
  type ProviderSplit,
  type RiskShare,
  type Sharing,
} from '../language/generated/ast.js';
import { arrangementsOf, containingContract, partiesOf } from '../language/parity-facts.js';
import { percentOf, sumPercentages } from './amounts.js';
import { checkCoverage } from './incentive-checks.js';
import { IssueCodes } from './issue-codes.js';
import { report } from './report.js';

export function checkRiskShare(share: RiskShare, accept: ValidationAcceptor): void {
  const missing = (what: string, example: string) =>
    report(
      accept,
      'error',
      IssueCodes.MissingClause,
      `Risk share ${share.name} does not say ${what}: add '${example}'.`,
      { node: share, property: 'name', data: { clause: example } },
    );
  const budget = share.members.find(isShareBudget);
  if (!budget) missing('the budget or benchmark outturn is compared with', 'budget £…');
  if (!share.members.some(isShareOutturn)) missing('where actual spend comes from', 'outturn from <Measure>');
  if (!share.members.some(isPartYear))
    report(
      accept,
      'error',
      IssueCodes.MissingClause,
      `Risk share ${share.name} does not say how an outturn for part of the year meets the budget: add 'part year compared with budget for months reported' (the budget pro rata to the months in) or 'part year forecast at run rate' (spend to date carried forward to the year).`,
      {
        node: share,
        property: 'name',
        data: { clause: 'part year compared with budget for months reported' },
      },
    );
  const sharings = share.members.filter(isSharing);
  if (sharings.length === 0)
    missing('how a gain or loss is split', 'gain shared providers 50%, commissioner 50%');
  for (const sharing of sharings) checkBands(sharing, accept);
  checkLimits(share, accept);
  checkQuality(share, accept);
  const contract = containingContract(share);
  if (contract && arrangementsOf(contract).includes('alliance') && budget) {
    checkCoverage(budget.domains, share, accept, `The budget of ${share.name}`);
  }
  if (contract && partiesOf(contract, 'provider', 'prime').length > 1) {
    const splits = share.members.filter(isProviderSplit);
    const split = splits[0];
    for (const extra of splits.slice(1))
      report(
        accept,
        'error',
        IssueCodes.DuplicateClause,
        `Risk share ${share.name} says more than once how the providers' part is divided: keep one 'among providers …'.`,
        { node: extra },
      );
    if (!split) {
      report(
        accept,
        'error',
        IssueCodes.MissingProviderSplit,
        `Several providers share in ${share.name}: say how their part is divided, e.g. 'among providers pro rata to value'.`,
        { node: share, property: 'name' },
      );
    } else if (split.basis === 'fixed') {
      checkFixedShares(split, accept);
    }
  }
}

/**
 * Fixed shares, as percentages or fractions, must sum exactly to the whole: 1/3 + 1/3 + 1/3 does,
 * 33.33% three times does not.
 */
function checkFixedShares(split: ProviderSplit, accept: ValidationAcceptor): void {
  const parts: ShareFraction[] = [];
  split.shares.forEach((share, index) => {
    const part = shareFraction(share.share);
    if (part) parts.push(part);
    else
      report(
        accept,
        'error',
        IssueCodes.InvalidNumber,
        `A fractional share is written as two whole numbers with a denominator above zero, such as 1/3: '${share.share}' is not.`,
        { node: split, property: 'shares', index },
      );
  });
  if (parts.length < split.shares.length) return;
  const total = parts.reduce((sum, p) => ({ n: sum.n * p.d + p.n * sum.d, d: sum.d * p.d }), {
    n: 0n,
    d: 1n,
  });
  if (total.n === total.d) return;
  const written = split.shares.some((s) => !s.share.endsWith('%'))
    ? `${reduced(total)} of the whole`
    : `${sumPercentages(split.shares.map((s) => s.share))}%`;
  report(
    accept,
    'error',
    IssueCodes.SharesNotHundred,
    `Providers' fixed shares sum to ${written}; they must sum to 100% (or 1). For thirds, write 1/3 rather than 33.33%.`,
    { node: split, data: { total: written } },
  );
}

interface ShareFraction {
  n: bigint;
  d: bigint;
}

/** A share as an exact fraction of the whole: `40%` is 40/100, `1/3` is 1/3; undefined if malformed. */
function shareFraction(text: string): ShareFraction | undefined {
  if (text.endsWith('%')) {
    const percent = percentText(text);
    if (percent === undefined) return undefined;
    const [whole = '0', decimals = ''] = percent.split('.');
    return { n: BigInt(whole + decimals), d: 100n * 10n ** BigInt(decimals.length) };
  }
  const match = /^([0-9][0-9,]*)\/([0-9][0-9,]*)$/.exec(text);
  if (!match) return undefined;
  const d = BigInt((match[2] ?? '0').replaceAll(',', ''));
  return d === 0n ? undefined : { n: BigInt((match[1] ?? '0').replaceAll(',', '')), d };
}

function percentText(text: string): string | undefined {
  try {
    return parsePercent(text);
  } catch {
    return undefined;
  }
}

function reduced({ n, d }: ShareFraction): string {
  let [a, b] = [n, d];
  while (b !== 0n) [a, b] = [b, a % b];
  return `${n / a}/${d / a}`;
}

function checkBands(sharing: Sharing, accept: ValidationAcceptor): void {
  let previousLimit = -1;
  sharing.bands.forEach((band, index) => {
    const total = sumPercentages([band.providers, band.commissioner]);
    if (total !== '100') {
      report(
        accept,
        'error',
        IssueCodes.SharesNotHundred,
        `This band gives providers ${band.providers} and the commissioner ${band.commissioner}, ${total}% in all: the two must sum to 100%.`,
        { node: band, data: { total } },
      );
    }
    const last = index === sharing.bands.length - 1;
    if (!last && !band.upTo) {
      report(
        accept,
        'error',
        IssueCodes.BandOrder,
        `Only the last band can be open-ended: give this band an 'up to …' limit.`,
        { node: band },
      );
    }
    if (last && band.upTo && sharing.bands.length > 1) {
      report(
        accept,
        'error',
        IssueCodes.BandOrder,
        `The last band must cover everything beyond the others: write 'beyond:' instead of 'up to …'.`,
        { node: band },
      );
    }
    const limit = band.upTo ? amountMagnitude(band.upTo) : Number.POSITIVE_INFINITY;
    if (limit <= previousLimit) {
      report(
        accept,
        'error',
        IssueCodes.BandOrder,
        `Bands must rise: this band's limit is not above the one before it.`,
        { node: band },
      );
    }
    previousLimit = limit;
  });
  if (sharing.bands.every((band) => percentOf(band.providers) === 0)) {
    report(
      accept,
      'warning',
      IssueCodes.InertIncentive,
      `Providers get 0% of every ${sharing.side} band, so this sharing never moves money to or from them.`,
      { node: sharing },
    );
  }
}

/** Compares amounts given the same way (both % of budget, or both £); mixed forms are not ranked. */
function amountMagnitude(amount: Amount): number {
  return amount.percent ? percentOf(amount.percent) : Number.NaN;
}

function checkLimits(share: RiskShare, accept: ValidationAcceptor): void {
  checkRepeatedLimits(share, accept);
  for (const limit of share.members.filter(isShareLimit)) {
    for (const amount of limit.amount ? [limit.amount] : limit.amounts) {
      if (!amount.percent) continue;
      const value = percentOf(amount.percent);
      if (value < 0 || value > 100) {
        report(
          accept,
          'error',
          IssueCodes.ThresholdOutOfRange,
          `A ${limit.kind} of ${amount.percent} is outside 0–100%.`,
          { node: limit },
        );
      }
      if (value === 0 && limit.kind === 'cap' && limit.choice !== 'greater') {
        report(
          accept,
          'error',
          IssueCodes.InertIncentive,
          `A cap of 0% makes every gain share zero: raise the cap or remove the gain sharing.`,
          { node: limit },
        );
      }
    }
    if (limit.kind === 'cap' && limit.side !== 'gain') {
      report(
        accept,
        'error',
        IssueCodes.BandOrder,
        `A cap limits a gain and a collar limits a loss: write 'cap gain at …' or 'collar loss at …'.`,
        { node: limit },
      );
    }
    if (limit.kind === 'collar' && limit.side !== 'loss') {
      report(
        accept,
        'error',
        IssueCodes.BandOrder,
        `A collar limits a loss and a cap limits a gain: write 'collar loss at …' or 'cap gain at …'.`,
        { node: limit },
      );
    }
  }
}

/**
 * A second cap (or collar) on the same side would be ignored, so it is an error: the author means
 * one limit, the lesser (or greater) of the amounts, and says so.
 */
function checkRepeatedLimits(share: RiskShare, accept: ValidationAcceptor): void {
  const limits = share.members.filter(isShareLimit);
  limits.forEach((limit, index) => {
    const first = limits.findIndex((l) => l.kind === limit.kind && l.side === limit.side);
    if (first === index) return;
    const amounts = limits
      .filter((l) => l.kind === limit.kind && l.side === limit.side)
      .flatMap((l) => (l.amount ? [l.amount] : l.amounts))
      .map((a) => a.$cstNode?.text ?? '…');
    report(
      accept,
      'error',
      IssueCodes.DuplicateLimit,
      `Risk share ${share.name} has more than one ${limit.kind} on ${limit.side}s, and only one can apply: combine them into one, e.g. '${limit.kind} ${limit.side} at lesser of (${amounts.join(', ')})'.`,
      { node: limit, data: { first: first } },
    );
  });
}

function checkQuality(share: RiskShare, accept: ValidationAcceptor): void {
  const contract = containingContract(share);
  const targeted = new Set(
    (contract?.members.filter(isMonitor) ?? []).filter((m) => m.target).map((m) => m.measure.ref),
  );
  for (const gate of share.members.filter(isQualityGate)) {
    const required = Number(gate.required);
    if (required > gate.measures.length) {
      report(
        accept,
        'error',
        IssueCodes.UnreachableQualityGate,
        `The gate needs ${required} measures met but lists only ${gate.measures.length}, so it can never open: lower the number or list more measures.`,
        { node: gate, property: 'required' },
      );
    }
    gate.measures.forEach((reference, index) => {
      if (reference.ref && !targeted.has(reference.ref)) {
        report(
          accept,
          'error',
          IssueCodes.MissingClause,
          `${reference.$refText} has no target in this contract, so it cannot be 'met': add 'monitor ${reference.$refText} target …'.`,
          { node: gate, property: 'measures', index },
        );
      }
    });
    if (!gate.otherwise) {
      report(
        accept,
        'error',
        IssueCodes.MissingClause,
        `Say what is paid when the gate is not met: add 'otherwise 0%' (nothing) or a modifier such as 'otherwise 50%'.`,
        { node: gate },
      );
    }
  }
  const modifiers = share.members.filter(isQualityModifier);
  if (modifiers.length + share.members.filter(isQualityGate).length > 1) {
    report(
      accept,
      'error',
      IssueCodes.DuplicateClause,
      `Risk share ${share.name} has more than one quality gate or modifier: keep one.`,
      { node: share, property: 'name' },
    );
  }
}

export function checkBudget(budget: Budget, accept: ValidationAcceptor): void {
  const contract = containingContract(budget);
  const arrangements = contract ? arrangementsOf(contract) : [];
  if (arrangements.includes('capitated') || arrangements.includes('alliance')) {
    checkCoverage(budget.domains, budget, accept, 'This budget');
  }
}

export function checkPilot(pilot: Pilot, accept: ValidationAcceptor): void {
  const missing = (what: string, example: string) =>
    report(accept, 'error', IssueCodes.ArrangementIncomplete, `A pilot must say ${what}: add '${example}'.`, {
      node: pilot,
      data: { clause: example },
    });
  if (!pilot.review) missing('when it is reviewed', 'review on 2027-03-01');
  if (pilot.outcomes.length === 0)
    missing('the outcomes that gate continuation', 'outcome <Measure> target …');
  if (!pilot.all && !pilot.required) missing('the rule for continuing', 'continue if all outcomes met');
  if (pilot.required && Number(pilot.required) > pilot.outcomes.length) {
    report(
      accept,
      'error',
      IssueCodes.UnreachableQualityGate,
      `Continuation needs ${pilot.required} outcomes met but only ${pilot.outcomes.length} are listed.`,
      { node: pilot, property: 'required' },
    );
  }
}

/** Measures that pay through an indicator or are monitored in a contract. */
export function isMeasureUsed(node: { $type: string }): boolean {
  return isMeasureUse(node) || isMonitor(node);
}
