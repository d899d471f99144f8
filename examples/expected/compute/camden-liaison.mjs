// Golden statement for demo.camden.HighgatePhysicalHealthLiaison
// (contracts/demo/camden-whittington-liaison.parity).
//
// The contract: Camden and Islington (a mental health trust) commissions Whittington Health (ODS
// RKE) for 2026/27. Two paying clauses, no rounding clause (half-up to the penny on each line):
//   - the advice line as a block: `value £60,000`, `instalments monthly`: twelve instalments of
//     6,000,000p ÷ 12 = 500,000p (£5,000), no remainder, one line a month April 2026 to March 2027
//     (a block is paid whatever the data show, so every month of the year has its line);
//   - activity WeeklyClinics: each clinic session held (ClinicsHeld, a count on LiaisonClinicReturn,
//     `rows are events`, so each month's own return is that month's count) × £1,300. The plan of 48
//     is the volume expected, not a cap (the contract's tests pay every session; the year so far is
//     29 sessions, under the plan anyway). One line a month with a return (April–October); months
//     with no return have earned nothing yet and have no line.
// The two monitors (advice within 30 minutes, ambulance calls) move no money.
//
// Worked by hand:
//   block 2026-04: 6,000,000p ÷ 12 = 500,000p (£5,000.00); the same each month; year 6,000,000p.
//   activity 2026-07: clinic-return-2026-07.json reports 5 sessions → 5 × 130,000p = 650,000p
//   (£6,500.00); 2026-08: 3 sessions → 390,000p.
//   activity so far: 4+4+4+5+3+4+5 = 29 sessions × 130,000p = 3,770,000p.

import { instalments, line, monthlyCounts, ods, yearMonths } from './read-feeds.mjs';

export const contract = 'demo.camden.HighgatePhysicalHealthLiaison';

const YEAR = '2026/27';
const VALUE_PENCE = 6_000_000n; // £60,000
const SESSION_PENCE = 130_000n; // £1,300 per session

export const lines = () => {
  const provider = ods('WhittingtonHealth');
  const out = [];
  const months = yearMonths(YEAR);
  instalments(VALUE_PENCE, 12).forEach((p, i) => {
    out.push(line('block', contract, months[i], provider, p));
  });
  for (const [period, sessions] of monthlyCounts(contract, 'LiaisonClinicReturn', 'ClinicsHeld'))
    out.push(line('activity', 'WeeklyClinics', period, provider, sessions * SESSION_PENCE));
  return out;
};
