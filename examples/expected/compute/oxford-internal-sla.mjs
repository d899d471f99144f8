// Golden statement for demo.oxford_internal.CancerPsychMedSla (contracts/demo/oxford-internal-sla.parity).
//
// The contract: an internal agreement inside Oxford University Hospitals (ODS RTH): the Cancer and
// Haematology directorate buys the Psychological Medicine Service for 2026/27. No rounding clause
// (half-up to the penny on each line). Paying clauses:
//   - block: `value £180,000`, `instalments quarterly`: 18,000,000p ÷ 4 = 4,500,000p a quarter, no
//     remainder, one line for each quarter of the year (a block does not wait for data);
//   - activity ExtraConsultations: AdditionalConsultations (a count on PsychMedActivityLog,
//     `rows are events`: each month's return is that month's count) × £220 per referral. The plan
//     of 400 is the expected volume, not a cap (228 so far). One line a month with a return
//     (April–October); later months have no return and no line yet.
// The monitors (staff trained, urgent ward referrals within 24 hours) move no money.
//
// Worked by hand:
//   block 2026/27 Q1: 18,000,000p ÷ 4 = 4,500,000p (£45,000.00); Q2, Q3, Q4 the same.
//   activity 2026-06: consultations-2026-06.json reports 37 → 37 × 22,000p = 814,000p (£8,140.00).
//   activity so far: 30+32+37+29+34+36+30 = 228 × 22,000p = 5,016,000p.

import { instalments, line, monthlyCounts, ods, yearQuarters } from './read-feeds.mjs';

export const contract = 'demo.oxford_internal.CancerPsychMedSla';

const YEAR = '2026/27';
const VALUE_PENCE = 18_000_000n; // £180,000
const REFERRAL_PENCE = 22_000n; // £220 per referral

export const lines = () => {
  const provider = ods('OxfordUniversityHospitals');
  const out = [];
  const quarters = yearQuarters(YEAR);
  instalments(VALUE_PENCE, 4).forEach((p, i) => {
    out.push(line('block', contract, quarters[i], provider, p));
  });
  for (const [period, n] of monthlyCounts(contract, 'PsychMedActivityLog', 'AdditionalConsultations'))
    out.push(line('activity', 'ExtraConsultations', period, provider, n * REFERRAL_PENCE));
  return out;
};
