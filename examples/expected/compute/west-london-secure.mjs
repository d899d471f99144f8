// Golden statement for demo.westlondon.SecureUnitsPrimaryCare
// (contracts/demo/west-london-secure-block.parity).
//
// The contract: NHS England commissions West London NHS Trust (ODS RKL) for primary care in the
// secure units, on a block. The term runs 2026-04 to 2028-03, "each [year] paid for itself":
// `value £3,600,000 in 2026/27`, `value £3,708,000 in 2027/28`, `instalments monthly`. Every QOF
// standard, the parity with the community and the board champion are `monitor` only ("none of them
// moves money"), so the feeds change no line. No rounding clause; both instalments divide exactly.
// The statement as of 2026-12-04 is for the year in progress, 2026/27 (the second year's
// statement is asked for by year: west-london-secure-year-2.mjs).
//
// Worked by hand:
//   block 2026-04: 360,000,000p ÷ 12 = 30,000,000p (£300,000.00), remainder 0; the same in every
//   month April 2026 – March 2027; the year 360,000,000p.

import { instalments, line, ods, yearMonths } from './read-feeds.mjs';

export const contract = 'demo.westlondon.SecureUnitsPrimaryCare';

const YEAR = '2026/27';
const VALUE_PENCE = 360_000_000n; // £3,600,000 in 2026/27

export const lines = () => {
  const provider = ods('WestLondonNhsTrust');
  const months = yearMonths(YEAR);
  return instalments(VALUE_PENCE, 12).map((p, i) => line('block', contract, months[i], provider, p));
};
