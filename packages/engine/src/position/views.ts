import { toDecimal } from '../core/rational.js';
import type { PaymentLine } from '../payments/payment-line.js';
import { isPayable } from '../payments/payment-line.js';
import type { BaselineComparison } from '../run/baseline.js';
import { termYears } from '../run/term-year.js';
import { apportionedTotals } from './apportionment.js';
import type { ContractPosition } from './evaluate-position.js';
import { lineJson } from './line-json.js';
import type { BaselineFigure, Position, Statement } from './schema.js';
import type { PricedLine } from './versions.js';

/** Which published version and which submissions a position was computed from. */
export interface PositionSource {
  /** The version in force on the position's date; lines priced by others name their own. */
  version: number;
  /** Ids of the submissions whose data the evaluation read. */
  submissions: string[];
}

/** The payment lines, each with the version that priced it, then any memoranda. */
function pricedLines(position: ContractPosition, source: PositionSource): readonly PricedLine[] {
  const lines = position.lines ?? position.result.lines.map((line) => ({ ...line, version: source.version }));
  return position.memoranda ? [...lines, ...position.memoranda] : lines;
}

/** Figures for one provider, or for all ('*' figures concern the provider side as a whole). */
const forProvider = (provider: string | undefined) => (figure: { provider: string }) =>
  !provider || figure.provider === provider || figure.provider === '*';

/**
 * A position as one reader sees it: every figure, or only one provider's own (and those of the
 * provider side as a whole) when `provider` is given.
 */
export function positionFor(position: ContractPosition, source: PositionSource, provider?: string): Position {
  const { result } = position;
  const model = position.model;
  const mine = forProvider(provider);
  const shares = position.commissionerShares;
  return {
    contract: model.contract.name,
    version: source.version,
    contentHash: model.contentHash,
    asOf: position.asOf,
    year: model.contract.year,
    term: termYears(model),
    provider: provider ?? 'all',
    measures: position.measures.filter(mine),
    // A provider sees only its own groups; the figures pooled across providers are the commissioner's.
    strata: position.strata.filter((s) => (provider ? s.provider === provider : true)),
    indicators: position.indicators.filter((i) => !provider || i.provider === provider),
    lines: pricedLines(position, source)
      .filter(mine)
      .map((line) => lineJson(line, false, shares)),
    monitors: result.monitors.filter(mine).map((m) => ({
      measure: m.measure,
      provider: m.provider,
      target: m.target,
      met: m.met,
      status: m.baseline?.status === 'no-baseline' ? 'no-baseline' : m.result.status,
      explanation: m.result.trace.text,
      ...(m.baseline && { baseline: baselineJson(m.baseline) }),
    })),
    pilot: result.pilot && {
      review: result.pilot.review,
      decision: result.pilot.decision,
      continues: result.pilot.continues,
      outcomes: result.pilot.outcomes.map((o) => ({
        measure: o.measure,
        met: o.met,
        explanation: o.result.trace.text,
        ...(o.baseline && { baseline: baselineJson(o.baseline) }),
      })),
    },
  };
}

/**
 * The finance statement: every payment line (one provider's, when given) with its trace, totals
 * of the money earned and of each provider's risk-share part by kind and by provider, payments on
 * account and the reconciliation.
 */
export function statementFor(
  position: ContractPosition,
  source: PositionSource,
  provider?: string,
): Statement {
  const { model, result } = position;
  const lines = pricedLines(position, source).filter((l) => !provider || l.provider === provider);
  const shares = position.commissionerShares;
  const totalled = lines.filter((l) => isPayable(l) || (l.kind === 'risk-share' && l.provider !== '*'));
  const sumOf = (kind: PaymentLine['kind']) =>
    lines.filter((l) => l.kind === kind).reduce((sum, l) => sum + l.pence, 0n);
  return {
    contract: model.contract.name,
    title: model.contract.title,
    version: source.version,
    contentHash: model.contentHash,
    asOf: position.asOf,
    year: model.contract.year,
    term: termYears(model),
    provisional: lines.some((l) => l.provisional),
    lines: lines.map((line) => lineJson(line, true, shares)),
    totalsByKind: totals(totalled, (l) => l.kind),
    totalsByProvider: totals(totalled, (l) => l.provider),
    ...(shares ? { totalsByCommissioner: apportionedTotals(totalled, shares) } : {}),
    earnedPence: lines
      .filter(isPayable)
      .reduce((sum, l) => sum + l.pence, 0n)
      .toString(),
    paidOnAccountPence: sumOf('on-account').toString(),
    reconciliationPence: sumOf('reconciliation').toString(),
    riskShares: result.riskShares.map((r) => ({
      ...r,
      variancePence: r.variancePence.toString(),
      providersPence: r.providersPence.toString(),
      commissionerPence: r.commissionerPence.toString(),
    })),
    submissions: source.submissions,
  };
}

function baselineJson(comparison: BaselineComparison): BaselineFigure {
  return {
    status: comparison.status,
    baseline: comparison.baseline && toDecimal(comparison.baseline, 6),
    required: comparison.required && toDecimal(comparison.required, 6),
    explanation: comparison.text,
  };
}

function totals(lines: PaymentLine[], pick: (line: PaymentLine) => string): Record<string, string> {
  const sums = new Map<string, bigint>();
  for (const line of lines) sums.set(pick(line), (sums.get(pick(line)) ?? 0n) + line.pence);
  return Object.fromEntries([...sums].sort().map(([key, pence]) => [key, pence.toString()]));
}
