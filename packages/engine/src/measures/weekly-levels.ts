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
