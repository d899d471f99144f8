import {
  dateOfDayNumber,
  dayAfterMonth,
  dayNumber,
  daysInFinancialYear,
  firstDayOf,
  monthsOfYear,
} from '../calendar/index.js';
import { DomainError, DomainErrorCodes } from '../core/errors.js';
import { div, mul, rational } from '../core/rational.js';
import type { RecordRow } from '../measures/observations.js';
import type { YearOfCare } from '../model/contract.js';
import { formatPence } from '../money.js';
import { describeRounding, type EvaluationContext, isProvisional, roundLine } from './context.js';
import type { PaymentLine } from './payment-line.js';

/** Days of cohort membership by provider → month: the accumulator a year-of-care payment needs. */
export type MembershipDays = Map<string, Map<string, number>>;

/**
 * Adds one cohort record to the membership days: a person counts from the day they join up to,
 * but not including, the day they leave (no leaving date: to the end of the year).
 */
export function addMembership(
  days: MembershipDays,
  yearOfCare: YearOfCare,
  year: string,
  row: RecordRow,
  rowNumber: number,
): void {
  const joined = row[yearOfCare.joinedField];
  const left = row[yearOfCare.leftField];
  if (typeof joined !== 'string' || !/^[0-9]{4}-[0-9]{2}-[0-9]{2}/.test(joined)) {
    throw new DomainError(
      DomainErrorCodes.InvalidRecord,
      `Record ${rowNumber}: ${yearOfCare.joinedField} must be a date (YYYY-MM-DD) for the year-of-care cohort.`,
      { row: rowNumber, field: yearOfCare.joinedField },
    );
  }
  const start = dayNumber(joined);
  const end = typeof left === 'string' && left !== '' ? dayNumber(left) : Number.POSITIVE_INFINITY;
  const byMonth = days.get(row.provider) ?? new Map<string, number>();
  days.set(row.provider, byMonth);
  for (const month of monthsOfYear(year)) {
    const overlap = Math.min(end, dayAfterMonth(month)) - Math.max(start, firstDayOf(month));
    if (overlap > 0) byMonth.set(month, (byMonth.get(month) ?? 0) + overlap);
  }
}

/** Year of care: rate × days of membership ÷ days in the year, one line per provider and month. */
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
    for (const month of monthsOfYear(year)) {
      const memberDays = byMonth.get(month);
      if (!memberDays) continue;
      const exact = div(mul(rational(rate), rational(BigInt(memberDays))), rational(BigInt(daysInYear)));
      const pence = roundLine(context, exact);
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
          rounding: describeRounding(context),
          text: `Year of care ${yearOfCare.name}, ${month}, ${provider}: ${formatPence(rate)} a year × ${memberDays} member-days ÷ ${daysInYear} = ${formatPence(pence)}`,
        },
      });
    }
  }
  return lines;
}
