import { parseDay } from '../calendar/index.js';

/**
 * A level read as the sum of its weeks (`rows are levels read as sum of weeks`): a month's return
 * gives each week's figures under the date the week begins, and the month is their sum, figure by
 * figure — staffed hours of 168, 168, 160 and 168 against 168 a week read as 664 of 672. Months
 * then add up over a quarter or year, as events do.
 */

/** A week's figures, as a return row gives them (decimal and integer text). */
export interface WeekFigures {
  numerator?: string;
  denominator?: string;
  value?: string;
  pence?: string;
}

const FIGURES = ['numerator', 'denominator', 'value', 'pence'] as const;

/** The month's figures: each figure summed exactly over the weeks that give it. */
export function sumOfWeeks(weeks: readonly WeekFigures[]): WeekFigures {
  const month: WeekFigures = {};
  for (const figure of FIGURES) {
    const given = weeks.map((week) => week[figure]).filter((text): text is string => text !== undefined);
    if (given.length > 0) month[figure] = addDecimals(given);
  }
  return month;
}

/** Adds decimal texts exactly, keeping the most decimal places any of them has. */
function addDecimals(texts: readonly string[]): string {
  const places = Math.max(...texts.map((text) => text.split('.')[1]?.length ?? 0));
  const total = texts.reduce((sum, text) => {
    const [whole = '0', fraction = ''] = text.split('.');
    return sum + BigInt(whole + fraction.padEnd(places, '0'));
  }, 0n);
  if (places === 0) return total.toString();
  const digits = total.toString().padStart(places + 1, '0');
  return `${digits.slice(0, -places)}.${digits.slice(-places)}`;
}

/** Whether a return's rows are a level given week by week. */
export function isWeeklyLevel(overTime: { meaning: string; reading?: string }): boolean {
  return overTime.meaning === 'levels' && overTime.reading === 'sum-of-weeks';
}

/**
 * What is wrong with a row's period in a return given week by week, for a feed of `month`: it must
 * be the date its week begins (`YYYY-MM-DD`), in that month. Undefined when it is one.
 */
export function weekProblem(period: string, month: string, source: string): string | undefined {
  if (Number.isNaN(parseDay(period)))
    return `"${period}" is not a week: ${source} gives a level week by week, each row under the date its week begins (YYYY-MM-DD) in ${month}`;
  if (period.slice(0, 7) !== month)
    return `the week beginning ${period} is not in this feed's month: a feed for ${month} gives the weeks that begin in ${month}`;
  return undefined;
}

/** Each measure's weeks summed into one figure for the month, in the order the measures first come. */
export function monthsOfWeeks<W extends WeekFigures & { measure: string }>(
  weeks: readonly W[],
  month: string,
): (WeekFigures & { measure: string; period: string })[] {
  const byMeasure = new Map<string, W[]>();
  for (const week of weeks) byMeasure.set(week.measure, [...(byMeasure.get(week.measure) ?? []), week]);
  return [...byMeasure].map(([measure, given]) => ({ measure, period: month, ...sumOfWeeks(given) }));
}
