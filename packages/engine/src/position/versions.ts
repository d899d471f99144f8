import { monthsOfYear } from '../calendar/index.js';
import { firstMonthOf, parsePeriod } from '../calendar/periods.js';
import type { PaymentLine } from '../payments/payment-line.js';
import type { ContractPosition } from './evaluate-position.js';

/**
 * A contract varied during its year is priced period by period. Each published version applies
 * from its effective date, and a period (a month, a quarter, the year) is priced by the version in
 * force on the day the period starts: a variation effective 1 October prices Q3 and Q4, never Q1.
 */

/** A published version of a contract: its number and the date it takes effect. */
export interface VersionDate {
  version: number;
  /** `YYYY-MM-DD`. */
  effectiveDate: string;
}

/** A published version and the payment lines its evaluation prices. */
export interface VersionLines extends VersionDate {
  lines: readonly PaymentLine[];
}

/** A payment line and the version that priced it. */
export interface PricedLine extends PaymentLine {
  version: number;
}

/** Whether `a` governs over `b` from the later of their dates: later effective, or later published. */
const supersedes = (a: VersionDate, b: VersionDate) =>
  a.effectiveDate > b.effectiveDate || (a.effectiveDate === b.effectiveDate && a.version > b.version);

/**
 * The version in force on a date: the latest effective on or before it (the later published, of
 * two effective the same day). Before any takes effect, the one that governs first.
 */
export function versionOn<T extends VersionDate>(versions: readonly T[], date: string): T | undefined {
  let inForce: T | undefined;
  let first: T | undefined;
  for (const candidate of versions) {
    if (candidate.effectiveDate <= date && (!inForce || supersedes(candidate, inForce))) inForce = candidate;
    if (
      !first ||
      candidate.effectiveDate < first.effectiveDate ||
      (candidate.effectiveDate === first.effectiveDate && candidate.version > first.version)
    )
      first = candidate;
  }
  return inForce ?? first;
}

/** The day a line's period starts: `2026/27 Q3` on 2026-10-01, `2026-11` on 2026-11-01. */
export function periodStart(period: string): string {
  return `${firstMonthOf(parsePeriod(period))}-01`;
}

/**
 * The versions that price some period of a financial year: those in force on the first day of one
 * of its months (every period starts on one). The others need no evaluation.
 */
export function versionsPricing<T extends VersionDate>(versions: readonly T[], financialYear: string): T[] {
  const pricing = new Set(monthsOfYear(financialYear).map((month) => versionOn(versions, `${month}-01`)));
  return versions.filter((v) => pricing.has(v));
}

/**
 * Each period's lines from the version in force when the period starts, each naming that
 * version. Lines stay grouped by clause and provider, in order of period.
 */
export function linesInForce(versions: readonly VersionLines[]): PricedLine[] {
  const governing = new Map<string, VersionLines | undefined>();
  const governs = (version: VersionLines, period: string) => {
    if (!governing.has(period)) governing.set(period, versionOn(versions, periodStart(period)));
    return governing.get(period) === version;
  };
  const kept: PricedLine[] = [];
  const contributing = new Set<VersionLines>();
  for (const version of versions)
    for (const line of version.lines)
      if (governs(version, line.period)) {
        kept.push({ ...line, version: version.version });
        contributing.add(version);
      }
  if (contributing.size <= 1) return kept;
  const groups = new Map<string, number>();
  const group = (l: PaymentLine) => `${l.kind}|${l.scheme ?? ''}|${l.clause}|${l.provider}`;
  for (const line of kept) if (!groups.has(group(line))) groups.set(group(line), groups.size);
  return kept
    .map((line, index) => ({
      line,
      index,
      group: groups.get(group(line)) ?? 0,
      start: periodStart(line.period),
    }))
    .sort((a, b) => a.group - b.group || a.start.localeCompare(b.start) || a.index - b.index)
    .map(({ line }) => line);
}

/**
 * A position whose payment lines are priced period by period by the versions published (see
 * `linesInForce`); everything else (measures, indicators, monitors, risk shares) is the
 * position of the version in force on its date, `inForce`.
 */
export function pricedByPeriod(
  inForce: ContractPosition,
  versions: readonly VersionLines[],
): ContractPosition {
  return { ...inForce, lines: linesInForce(versions) };
}
