// Golden statement for demo.oxford_smi.SmiYearOfCare (contracts/demo/oxford-smi-year-of-care.parity).
//
// The contract: year of care SmiCohort, £3,650 a person a year (365,000p) on the cohort
// smi.SmiRegister, joined registered_on, left left_on; provider Oxford Health (ODS RNU); 2026/27
// has 365 days; no rounding clause, so half-up to the penny on each line.
//
// The register is `rows are snapshots`: each monthly file is the register at the end of its month,
// and a month's member-days come from that month's snapshot only. A person counts from
// registered_on up to but not including left_on, clipped to the month. One line per month with a
// snapshot; months after the latest snapshot (2026-10) pay nothing yet and have no line.
//
// Worked by hand, 2026-04 (30 days), from smi-register-2026-04.csv (549 people):
//   543 people on the register all month               543 × 30 = 16,290
//   OHFT-SMI-00098 left 2026-04-14                     13 days (1–13 April)
//   OHFT-SMI-00255 left 2026-04-09                      8
//   OHFT-SMI-00446 left 2026-04-24                     23
//   OHFT-SMI-00546 joined 2026-04-08                   23 (8–30 April)
//   OHFT-SMI-00547 joined 2026-04-14                   17
//   OHFT-SMI-00548 joined 2026-04-05                   26
//   member-days 16,290 + 13 + 8 + 23 + 23 + 17 + 26 = 16,400
//   365,000p × 16,400 ÷ 365 = 16,400,000p = £164,000.00 (exact, no rounding needed)
// Similarly 2026-10 (31 days, 534 people): 530 × 31 = 16,430, plus 17 + 3 (leavers on 18 and
//   4 October) + 17 + 16 (joiners on 15 and 16 October) = 16,483 member-days → £164,830.00.

import {
  daysInYear,
  Frac,
  line,
  monthStart,
  nextMonth,
  ods,
  parseDate,
  standingDatasetFeeds,
} from './read-feeds.mjs';

export const contract = 'demo.oxford_smi.SmiYearOfCare';

const YEAR = '2026/27';
const RATE_PENCE = 365_000n; // £3,650 a person a year
const CLAUSE = 'SmiCohort';

/** Member-days of one snapshot in its own month. */
export const memberDays = (period, rows) => {
  const start = monthStart(period);
  const end = monthStart(nextMonth(period)); // exclusive
  const seen = new Set();
  let days = 0n;
  for (const r of rows) {
    if (seen.has(r.person)) throw new Error(`${period}: ${r.person} twice in one snapshot`);
    seen.add(r.person);
    const from = Math.max(parseDate(r.registered_on), start);
    const to = Math.min(r.left_on ? parseDate(r.left_on) : end, end);
    if (to > from) days += BigInt(to - from);
  }
  return days;
};

export const lines = () => {
  const provider = ods('OxfordHealth');
  const yearDays = BigInt(daysInYear(YEAR)); // 365
  const out = [];
  for (const feed of standingDatasetFeeds(contract, 'SmiRegister')) {
    const days = memberDays(feed.period, feed.rows);
    const pence = new Frac(RATE_PENCE * days, yearDays).round();
    out.push(line('year-of-care', CLAUSE, feed.period, provider, pence));
  }
  return out;
};
