// Golden statement for demo.bradford.SmiPhysicalHealthCquin (contracts/demo/bradford-smi-cquin.parity).
//
// The contract: cquin, 2026/27, provider Bradford District Care (ODS TAD), host value £84,000,000
// paid in monthly instalments; scheme SmiPhysicalHealth worth 1.25% of value = £1,050,000,
// assessed quarterly (each quarter earns a quarter of each indicator's share):
//   SixChecks         weight 50% (£131,250 a quarter) smi.SixChecksComplete, linear 40%→60%
//                     (in Q4 linear 50%→70%)
//   SmokingCessation  weight 30% (£78,750 a quarter)  smi.SmokersOfferedCessation, linear 50%→90%
//   WeightMonitoring  weight 20% (£52,500 a quarter)  smi.WeightMonitoredOnAntipsychotics, linear 60%→90%
// No rounding clause: half-up to the penny on each line. The monitors (smoking status, weight-gain
// follow-up, the inpatient tobacco and alcohol chain from the XLSX InpatientStays feeds) pay
// nothing, so they make no statement line and the XLSX files are not read here.
//
// The measures (contracts/nhs/measures/smi.parity) are on smi.SmiRegister, `rows are snapshots`:
// a quarter reads its latest monthly snapshot within the quarter (Q1 the June feed as corrected,
// Q2 September, Q3 October, the only Q3 month in), never a sum; "x within 12 months" is judged
// against that snapshot's month end E: E − 12 months < x ≤ E (for E = 2026-06-30, 2025-07-01 to
// 2026-06-30).
//   SixChecksComplete: denominator left_on not recorded; numerator all six check dates within
//     12 months; exception check_declined within 12 months, unless the person is in the numerator
//     (score = numerator / (denominator − exceptions)); minimum denominator 20.
//   SmokersOfferedCessation: denominator smoker = true and left_on not recorded; numerator
//     cessation_offered within 12 months; minimum 20.
//   WeightMonitoredOnAntipsychotics: denominator on_antipsychotics = true and left_on not
//     recorded; numerator bmi_checked within 12 months; minimum 20.
//
// Worked by hand:
//   block 2026-04: 8,400,000,000p ÷ 12 = 700,000,000p exactly (no remainder), each of 12 months.
//   cquin SixChecks 2026/27 Q1, from smi-register-2026-06-corrected.csv (E = 2026-06-30):
//     880 people in the denominator, no declined checks in the year left in it, 373 with all six
//     checks on or after 2025-07-01 -> 373/880 = 42.386…% -> (373/880 − 0.40) / 0.20 = 21/176
//     = 0.119318… -> 131,250 × 100 × 21/176 = 1,566,051.136…p -> 1,566,051p (£15,660.51).
//   cquin WeightMonitoring Q3, from smi-register-2026-10.csv (E = 2026-10-31): 606 of 654 on
//     antipsychotics with BMI on or after 2025-11-01 = 92.7% ≥ 90% -> attainment 1 -> 5,250,000p.
//
// Variation 1 (examples/variations/manifest.json: edits to the contract), effective 2026-10-01,
// raises SmokingCessation's scale to 60%→95%. Each period is priced by the version in force on the
// day it starts: Q1 and Q2 (and the block's April–September instalments) by version 1, Q3, Q4 and
// October–March by version 2, whose lines name it. By hand, SmokingCessation Q3 from the October
// snapshot: v1 paid 6,562,500p (attainment 5/6, so the score is 50% + 5/6 × 40% = 83.3̇%); under
// v2 the same score gives (83.3̇% − 60%) / 35% = 2/3 → 7,875,000p × 2/3 = 5,250,000p.
//   cquin Q3 is judged on the October snapshot, the latest of the quarter as of 2026-12-04
//     (provisional: November and December will replace it); Q4 has not begun -> 0p.

import {
  Frac,
  instalments,
  line,
  linearAttainment,
  ods,
  parseDate,
  quarterOf,
  standingDatasetFeeds,
  yearMonths,
} from './read-feeds.mjs';

export const contract = 'demo.bradford.SmiPhysicalHealthCquin';

const YEAR = '2026/27';
const VALUE = 8_400_000_000n; // £84,000,000
const WORTH = Frac.dec('1.25%');
const AS_OF = '2026-12-04';
const VARIED_FROM = '2026-10';
const QUARTER_STARTS = { Q1: '2026-04', Q2: '2026-07', Q3: '2026-10', Q4: '2027-01' };

const pct = (s) => Frac.dec(s);
const INDICATORS = [
  { clause: 'SixChecks', weight: pct('50%'), scale: [pct('40%'), pct('60%')], q4: [pct('50%'), pct('70%')] },
  {
    clause: 'SmokingCessation',
    weight: pct('30%'),
    scale: [pct('50%'), pct('90%')],
    // Variation 1, from 2026-10-01.
    varied: [pct('60%'), pct('95%')],
  },
  { clause: 'WeightMonitoring', weight: pct('20%'), scale: [pct('60%'), pct('90%')] },
];
const CHECKS = [
  'bmi_checked',
  'bp_checked',
  'lipids_checked',
  'glucose_checked',
  'alcohol_checked',
  'smoking_checked',
];

const monthEnd = (ym) => {
  const [y, m] = ym.split('-').map(Number);
  return Date.UTC(y, m, 0) / 86_400_000;
};
/** The day number of the same day `n` months before (clipped to the month's last day). */
const monthsBefore = (day, n) => {
  const d = new Date(day * 86_400_000);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() - n;
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return Date.UTC(y, m, Math.min(d.getUTCDate(), last)) / 86_400_000;
};
const yes = (v) => v === 'true' || v === 'yes';
const recorded = (v) => v !== undefined && v !== '';

/** The three measures' counts on one snapshot, evaluated at its month end. */
export const measuresOn = (period, rows) => {
  const end = monthEnd(period);
  const start = monthsBefore(end, 12); // exclusive
  const within = (v) => recorded(v) && parseDate(v) > start && parseDate(v) <= end;
  const seen = new Set();
  const six = { num: 0n, den: 0n, exc: 0n };
  const smoke = { num: 0n, den: 0n };
  const weight = { num: 0n, den: 0n };
  for (const r of rows) {
    if (seen.has(r.person)) throw new Error(`${period}: ${r.person} twice in one snapshot`);
    seen.add(r.person);
    if (recorded(r.left_on)) continue; // every denominator: left_on is not recorded
    six.den++;
    if (CHECKS.every((c) => within(r[c]))) six.num++;
    else if (within(r.check_declined)) six.exc++;
    if (yes(r.smoker)) {
      smoke.den++;
      if (within(r.cessation_offered)) smoke.num++;
    }
    if (yes(r.on_antipsychotics)) {
      weight.den++;
      if (within(r.bmi_checked)) weight.num++;
    }
  }
  return {
    SixChecks: { num: six.num, den: six.den - six.exc },
    SmokingCessation: smoke,
    WeightMonitoring: weight,
  };
};

export const lines = () => {
  const provider = ods('BradfordDistrictCare');
  const months = yearMonths(YEAR);
  // Version 2 prices every period that starts on or after its effective date.
  const versionOf = (firstMonth) => (firstMonth >= VARIED_FROM ? 2 : 1);
  const out = instalments(VALUE).map((p, i) =>
    line('block', contract, months[i], provider, p, versionOf(months[i])),
  );

  // The latest standing snapshot of each quarter (standingDatasetFeeds: a later feed for the same
  // period supersedes an earlier one, so June is the corrected file).
  const latest = new Map();
  for (const f of standingDatasetFeeds(contract, 'SmiRegister')) latest.set(quarterOf(f.period), f);

  const scheme = Frac.of(VALUE).mul(WORTH);
  for (const ind of INDICATORS) {
    for (const q of ['Q1', 'Q2', 'Q3', 'Q4']) {
      const quarter = `${YEAR} ${q}`;
      const snap = latest.get(quarter);
      let pence = 0n;
      if (snap && `${snap.period}-01` <= AS_OF) {
        const { num, den } = measuresOn(snap.period, snap.rows)[ind.clause];
        if (den >= 20n) {
          const varied = versionOf(QUARTER_STARTS[q]) === 2 && ind.varied;
          const [from, to] = q === 'Q4' && ind.q4 ? ind.q4 : varied || ind.scale;
          const a = linearAttainment(new Frac(num, den), from, to);
          pence = scheme.mul(ind.weight).div(4n).mul(a).round();
        }
      }
      out.push(line('cquin', ind.clause, quarter, provider, pence, versionOf(QUARTER_STARTS[q])));
    }
  }
  return out;
};
