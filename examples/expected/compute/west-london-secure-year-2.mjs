// Golden statement for the second year of demo.westlondon.SecureUnitsPrimaryCare's two-year term
// (`?year=2027/28`): `value £3,708,000 in 2027/28`, twelve monthly instalments.
//
// Worked by hand:
//   block 2027-04: 370,800,000p ÷ 12 = 30,900,000p (£309,000.00), remainder 0; the same in every
//   month April 2027 – March 2028; the year 370,800,000p. (Before terms of several years were
//   paid, this year paid £0.)

import { instalments, line, ods, yearMonths } from './read-feeds.mjs';

export const contract = 'demo.westlondon.SecureUnitsPrimaryCare';
/** The second year of the term, asked for by year. */
export const output = 'year-2/demo.westlondon.SecureUnitsPrimaryCare.csv';

const YEAR = '2027/28';
const VALUE_PENCE = 370_800_000n; // £3,708,000 in 2027/28

export const lines = () => {
  const provider = ods('WestLondonNhsTrust');
  const months = yearMonths(YEAR);
  return instalments(VALUE_PENCE, 12).map((p, i) => line('block', contract, months[i], provider, p));
};
