// Golden statement for demo.hull_pilot.MusFeasibilityPilot (contracts/demo/hull-mus-pilot.parity).
//
// The contract: Hull funds Humber Teaching (ODS RV9) for a 12-month feasibility pilot, term
// 2026-04 to 2027-03: non-recurrent funding `value £240,000`, `instalments monthly`. The pilot's
// outcomes (practices trained, symptoms improved, fewer GP attendances) are reviewed on 2027-03-01
// and gate only whether the pilot continues: "The funding already paid is unchanged" (the
// contract's own test), so the PracticeTrainingReturn and MusPatients feeds change no line. No
// rounding clause; the instalment divides exactly.
//
// Worked by hand:
//   block 2026-04: 24,000,000p ÷ 12 = 2,000,000p (£20,000.00), remainder 0; the same in every month
//   of the term, April 2026 – March 2027; the term 24,000,000p.

import { instalments, line, ods, yearMonths } from './read-feeds.mjs';

export const contract = 'demo.hull_pilot.MusFeasibilityPilot';

const TERM = '2026/27'; // term from 2026-04 to 2027-03: the financial year's twelve months
const VALUE_PENCE = 24_000_000n; // £240,000

export const lines = () => {
  const provider = ods('HumberTeaching');
  const months = yearMonths(TERM);
  return instalments(VALUE_PENCE, 12).map((p, i) => line('block', contract, months[i], provider, p));
};
