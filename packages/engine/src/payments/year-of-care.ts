import {
  dateOfDayNumber,
  dayAfterMonth,
  dayNumber,
  daysInFinancialYear,
  firstDayOf,
  monthsOfYear,
} from '../calendar/index.js';
import { DomainError, DomainErrorCodes } from '../core/errors.js';
import { div, mul, rational, toDecimal, ZERO } from '../core/rational.js';
import type { RecordRow } from '../measures/observations.js';
import type { YearOfCare } from '../model/contract.js';
import { formatPence } from '../money.js';
import { SnapshotPeople } from '../records/snapshot-people.js';
import { type EvaluationContext, isProvisional } from './context.js';
import { describeMonthlyRounding, roundMonths } from './monthly-rounding.js';
import type { PaymentLine } from './payment-line.js';

/** Days of cohort membership by provider → month: what a year-of-care payment pays for. */
export type MembershipDays = Map<string, Map<string, number>>;

/**
 * Cohort membership read from snapshots of the cohort's register. Each snapshot is the register at
 * the end of its month, so it speaks for its own month and, when earlier months have no snapshot
 * of their own (a test's rows given for the year, a month not sent), for those too: a month's
 * member-days are counted once, from the first snapshot at or after it. Months after the latest
 * snapshot are not yet known and pay nothing.
 */
export class Membership {
  /** provider → snapshot month → month → member-days the snapshot gives that month. */
  private readonly bySnapshot = new Map<string, Map<string, Map<string, number>>>();
  /** The people of each provider's snapshot, by provider and month. */
  private readonly snapshots = new Map<string, SnapshotPeople>();

  constructor(
    private readonly yearOfCare: YearOfCare,
    private readonly year: string,
    private readonly personField: string | undefined,
  ) {}

  /**
   * Adds one record of a snapshot: a person counts from the day they join up to, but not
   * including, the day they leave (no leaving date: beyond the snapshot). A person is in a
   * snapshot once; a second record of them is refused, as counting them twice would pay twice.
   */
  add(row: RecordRow, rowNumber: number): void {
    const { joinedField, leftField } = this.yearOfCare;
    const joined = row[joinedField];
    const left = row[leftField];
    if (typeof joined !== 'string' || !/^[0-9]{4}-[0-9]{2}-[0-9]{2}/.test(joined)) {
      throw new DomainError(
        DomainErrorCodes.InvalidRecord,
        `Record ${rowNumber}: ${joinedField} must be a date (YYYY-MM-DD) for the year-of-care cohort.`,
        { row: rowNumber, field: joinedField },
      );
    }
    const snapshot = typeof row.month === 'string' ? row.month : lastMonthOfYear(this.year);
    this.refuseRepeat(row, rowNumber, snapshot);
    const start = dayNumber(joined);
    const end = typeof left === 'string' && left !== '' ? dayNumber(left) : Number.POSITIVE_INFINITY;
    const byProvider = this.bySnapshot.get(row.provider) ?? new Map<string, Map<string, number>>();
    this.bySnapshot.set(row.provider, byProvider);
    const byMonth = byProvider.get(snapshot) ?? new Map<string, number>();
    byProvider.set(snapshot, byMonth);
    for (const month of monthsOfYear(this.year)) {
      if (month > snapshot) break;
      const overlap = Math.min(end, dayAfterMonth(month)) - Math.max(start, firstDayOf(month));
      if (overlap > 0) byMonth.set(month, (byMonth.get(month) ?? 0) + overlap);
    }
  }

  /** Member-days by provider and month, each month from the first snapshot at or after it. */
  days(): MembershipDays {
    const days: MembershipDays = new Map();
    for (const [provider, bySnapshot] of this.bySnapshot) {
      const snapshots = [...bySnapshot.keys()].sort();
      const byMonth = new Map<string, number>();
      for (const month of monthsOfYear(this.year)) {
        const standing = snapshots.find((s) => s >= month);
        if (standing === undefined) break;
        const memberDays = bySnapshot.get(standing)?.get(month);
        if (memberDays) byMonth.set(month, memberDays);
      }
      days.set(provider, byMonth);
    }
    return days;
  }

  private refuseRepeat(row: RecordRow, rowNumber: number, snapshot: string): void {
    if (this.personField === undefined) return;
    const key = `${row.provider} ${snapshot}`;
    const people = this.snapshots.get(key) ?? new SnapshotPeople();
    this.snapshots.set(key, people);
    const problem = people.repeat(String(row[this.personField]), rowNumber);
    if (problem === undefined) return;
    throw new DomainError(
      DomainErrorCodes.InvalidRecord,
      `Record ${rowNumber}: ${this.personField} ${problem} (the ${snapshot} snapshot of ${this.yearOfCare.cohort} from ${row.provider}).`,
      { row: rowNumber, field: this.personField },
    );
  }
}

function lastMonthOfYear(year: string): string {
  return monthsOfYear(year).at(-1) as string;
}

/**
 * Year of care: rate × days of membership ÷ days in the year, one line per provider and month,
 * each rounded on its own or, under the annual rounding policy, as instalments of the year.
 */
export function evaluateYearOfCare(
  context: EvaluationContext,
  yearOfCare: YearOfCare,
  days: MembershipDays,
): PaymentLine[] {
  const year = context.model.contract.year;
  const daysInYear = daysInFinancialYear(year);
  const rate = BigInt(yearOfCare.ratePencePerYear);
  const lines: PaymentLine[] = [];
  for (const [provider, byMonth] of [...days].sort(([a], [b]) => a.localeCompare(b))) {
    const months = monthsOfYear(year).flatMap((month) => {
      const memberDays = byMonth.get(month);
      return memberDays ? [{ month, memberDays }] : [];
    });
    const exact = months.map(({ memberDays }) =>
      div(mul(rational(rate), rational(BigInt(memberDays))), rational(BigInt(daysInYear))),
    );
    const rounded = roundMonths(context, exact);
    let running = 0n;
    months.forEach(({ month, memberDays }, index) => {
      const pence = rounded[index] ?? 0n;
      running += pence;
      const annual = context.rounding.totals === 'annual';
      const exactText = annual
        ? `£${toDecimal(div(exact[index] ?? ZERO, rational(100n)), 4)}, instalment `
        : '';
      lines.push({
        kind: 'year-of-care',
        clause: yearOfCare.name,
        provider,
        period: month,
        pence,
        status: 'earned',
        provisional: isProvisional(context, month),
        trace: {
          clause: yearOfCare.name,
          location: yearOfCare.location,
          inputs: {
            memberDays: String(memberDays),
            daysInYear: String(daysInYear),
            ratePencePerYear: rate.toString(),
            monthStarts: dateOfDayNumber(firstDayOf(month)),
          },
          formula: `${rate}p × ${memberDays} ÷ ${daysInYear}`,
          rounding: describeMonthlyRounding(context, annual ? running : undefined),
          text: `Year of care ${yearOfCare.name}, ${month}, ${provider}: ${formatPence(rate)} a year × ${memberDays} member-days ÷ ${daysInYear} = ${exactText}${formatPence(pence)}${annual ? ` (the year so far ${formatPence(running)}, rounded once)` : ''}`,
        },
      });
    });
  }
  return lines;
}
