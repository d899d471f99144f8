// Golden statement for demo.oxford.PsychMedOutpatients
// (contracts/demo/oxford-psych-medicine-activity.parity).
//
// The contract: Oxfordshire commissions psychological medicine outpatient attendances from Oxford
// University Hospitals (ODS RTH) for 2026/27, activity only. No rounding clause (half-up to the
// penny on each line; every line here is a whole number of pounds). Paying clauses:
//   - FirstOutpatient: FirstAttendances × £310 per attendance (plan 600);
//   - FollowUpOutpatient: FollowUpAttendances × £150 per attendance (plan 1,800).
// Both measures are counts on PsychMedOutpatientReturn (`rows are events`: each month's return is
// that month's count). "The plan is the volume the commissioner expects to buy": every attendance
// is paid at its price, and the year so far (353 first, 1,050 follow-up) is under plan anyway. One
// line per activity a month with a return (April–October); later months have none yet.
//
// Worked by hand:
//   FirstOutpatient 2026-04: outpatients-2026-04.csv, FirstAttendances 54 → 54 × 31,000p =
//     1,674,000p (£16,740.00).
//   FollowUpOutpatient 2026-08: FollowUpAttendances 121 → 121 × 15,000p = 1,815,000p (£18,150.00).
//   so far: 353 × 31,000p = 10,943,000p and 1,050 × 15,000p = 15,750,000p.
//
// Memoranda (no money moves): the team's cost, £720,000 a year carried by Oxford University
// Hospitals, a twelfth each month: 72,000,000p / 12 = 6,000,000p. For each month with priced
// attendances: cost-carried 6,000,000p; cost-funded, the two activity lines of that month;
// cost-unfunded, the cost less what the attendances paid.
//   2026-04: paid 1,674,000p + 153 × 15,000p = 3,969,000p; unfunded 6,000,000p − 3,969,000p =
//   2,031,000p.

import { line, monthlyCounts, ods } from './read-feeds.mjs';

export const contract = 'demo.oxford.PsychMedOutpatients';

const ACTIVITIES = [
  { clause: 'FirstOutpatient', measure: 'FirstAttendances', price: 31_000n },
  { clause: 'FollowUpOutpatient', measure: 'FollowUpAttendances', price: 15_000n },
];

const TEAM_COST_A_MONTH = 72_000_000n / 12n;

export const lines = () => {
  const provider = ods('OxfordUniversityHospitals');
  const out = [];
  const paidByMonth = new Map();
  for (const a of ACTIVITIES)
    for (const [period, n] of monthlyCounts(contract, 'PsychMedOutpatientReturn', a.measure)) {
      out.push(line('activity', a.clause, period, provider, n * a.price));
      paidByMonth.set(period, (paidByMonth.get(period) ?? 0n) + n * a.price);
    }
  for (const [period, paid] of paidByMonth) {
    out.push(line('cost-carried', 'PsychMedTeam', period, provider, TEAM_COST_A_MONTH));
    out.push(line('cost-funded', 'PsychMedTeam', period, provider, paid));
    out.push(line('cost-unfunded', 'PsychMedTeam', period, provider, TEAM_COST_A_MONTH - paid));
  }
  return out;
};
