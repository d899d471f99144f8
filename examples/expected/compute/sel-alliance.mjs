// Golden statement for demo.sel_alliance.DiabetesMentalHealthAlliance
// (contracts/demo/south-london-diabetes-alliance.parity).
//
// Risk share AllianceShare: budget £24,000,000; outturn AllianceOutturn, the month's spend in the
// OutturnReturn (`rows are events`, pence), summed year to date; `part year compared with budget
// for months reported` (budget × months ÷ 12, half-up to the penny; every % of budget is of that);
// deadband both 0.5% (a variance inside it is not shared, and only the part beyond it is: the
// language's `minimum` is the form shared from the first pound); gain bands up to 2% 50/50, beyond
// 25/75; loss bands up to 2% 50/50, beyond 0/100; cap and collar 1.5%; quality gate 3 of the 4
// monitored outcomes met, otherwise 0%, before the cap; among providers fixed 40/30/20/10 (King's
// RJZ, Guy's and St Thomas' RJ1, SLaM RV5, Thames Reach NTR), largest remainder. Provisional:
// 5 months to come.
//
// The gate's outcomes, as at the latest data (October 2026), each over the alliance's pooled data:
//   HbA1cImproved (rolling 12 months, all three teams' referrals): 35 of 61 = 57.4% ≥ 50% met
//   DepressionImproved: 14 of 23 = 60.9% ≥ 50% met
//   FirstContactWithinFourWeeks (first contact at most 28 days after referral; none recorded is a
//     miss): 388 of 493 = 78.7% < 80% not met
//   smi.SixChecksComplete (the latest snapshot, October; all six checks dated 1 November 2025 to
//     31 October 2026; a declined check in that window is an exception unless all six were done):
//     149 on the register, 91 complete, 2 exceptions → 91 of 147 = 61.9% ≥ 60% met
//   → 3 of 4 met: the gate is open. (Read per accountable provider instead, as the service's
//   monitors do, the outcomes are the same: RJZ 15/23 met, RV5 14/23 met, RJ1 97/133 not met.)
//
// Worked by hand:
//   Outturn April–October: 198,699,000 + 198,649,500 + 195,964,700 + 196,044,600 + 197,930,500
//     + 197,764,600 + 197,398,500 = 1,382,451,400p (£13,824,514.00), 7 months.
//   Budget for 7 months: £24,000,000 × 7/12 = £14,000,000.00. Gain £175,486.00.
//   Deadband 0.5% × £14,000,000 = £70,000: £105,486.00 beyond it is shared.
//   First band up to 2% × £14,000,000 = £280,000: all £105,486 in it, providers 50% = £52,743.00.
//   Gate open (factor 100%), cap 1.5% × £14,000,000 = £210,000 does not bind → 5,274,300p.
//   Split: RJZ 40% = 2,109,720p; RJ1 30% = 1,582,290p; RV5 20% = 1,054,860p; NTR 10% = 527,430p
//     (exact, no remainder).

import {
  allocate,
  Frac,
  line,
  monthStart,
  nextMonth,
  ods,
  parseDate,
  riskShare,
  standingDatasetFeeds,
  standingReturnRows,
} from './read-feeds.mjs';

export const contract = 'demo.sel_alliance.DiabetesMentalHealthAlliance';

const SHARES = [
  ['KingsCollegeHospital', '40%'],
  ['GuysAndStThomas', '30%'],
  ['SouthLondonAndMaudsley', '20%'],
  ['ThamesReach', '10%'],
].map(([org, share]) => ({ provider: ods(org), weight: Frac.dec(share) }));

const num = (s) => (s === '' ? undefined : Number(s));
const score = (n, d, min) => (d < min ? undefined : new Frac(BigInt(n), BigInt(d)));

/** The diabetes team measures over every team's referrals reported so far (all within 12 months). */
export const referralMeasures = () => {
  let hN = 0;
  let hD = 0;
  let pN = 0;
  let pD = 0;
  let fN = 0;
  let fD = 0;
  for (const feed of standingDatasetFeeds(contract, 'DiabetesTeamReferrals')) {
    for (const r of feed.rows) {
      if (r.referred_on.slice(0, 7) !== feed.period)
        throw new Error(`${r.person} referred outside ${feed.period}`);
      const h0 = num(r.hba1c_at_referral);
      const h6 = num(r.hba1c_at_six_months);
      if (h6 !== undefined) {
        hD++;
        if (h0 - h6 >= 5) hN++;
      }
      const p0 = num(r.phq9_at_referral);
      const p6 = num(r.phq9_at_six_months);
      if (p0 !== undefined && p0 >= 10 && p6 !== undefined) {
        pD++;
        if (p0 - p6 >= 5) pN++;
      }
      fD++;
      if (r.first_contact_on && parseDate(r.first_contact_on) - parseDate(r.referred_on) <= 28) fN++;
    }
  }
  return {
    HbA1cImproved: { n: hN, d: hD, score: score(hN, hD, 20), target: Frac.dec('50%') },
    DepressionImproved: { n: pN, d: pD, score: score(pN, pD, 20), target: Frac.dec('50%') },
    FirstContactWithinFourWeeks: { n: fN, d: fD, score: score(fN, fD, 20), target: Frac.dec('80%') },
  };
};

const CHECKS = [
  'bmi_checked',
  'bp_checked',
  'lipids_checked',
  'glucose_checked',
  'alcohol_checked',
  'smoking_checked',
];

/** smi.SixChecksComplete on the latest snapshot, the 12 months to the snapshot's month end. */
export const sixChecks = () => {
  const latest = standingDatasetFeeds(contract, 'SmiRegister').at(-1);
  const [y, m] = latest.period.split('-');
  const end = monthStart(nextMonth(latest.period)) - 1; // the snapshot's month end
  const start = monthStart(nextMonth(`${Number(y) - 1}-${m}`)); // 12 months back, inclusive
  const within = (s) => s !== '' && parseDate(s) >= start && parseDate(s) <= end;
  let d = 0;
  let n = 0;
  let exceptions = 0;
  for (const r of latest.rows) {
    if (r.left_on !== '') continue;
    d++;
    if (CHECKS.every((c) => within(r[c]))) n++;
    else if (within(r.check_declined)) exceptions++;
  }
  return { n, d: d - exceptions, score: score(n, d - exceptions, 20), target: Frac.dec('60%') };
};

export const gate = () => {
  const all = { ...referralMeasures(), SixChecksComplete: sixChecks() };
  for (const v of Object.values(all)) v.met = v.score?.gte(v.target) ?? false;
  return all;
};

export const outturn = () => {
  const rows = standingReturnRows(contract, 'OutturnReturn').filter((r) => r.measure === 'AllianceOutturn');
  return {
    pence: rows.reduce((s, r) => s + BigInt(r.pence), 0n),
    months: new Set(rows.map((r) => r.period)).size,
  };
};

export const lines = () => {
  const o = outturn();
  const met = Object.values(gate()).filter((g) => g.met).length;
  const share = riskShare({
    budget: 2_400_000_000n,
    outturn: o.pence,
    months: o.months,
    basis: 'months',
    deadband: Frac.dec('0.5%'),
    gainBands: [{ upTo: Frac.dec('2%'), providers: Frac.dec('50%') }, { providers: Frac.dec('25%') }],
    lossBands: [{ upTo: Frac.dec('2%'), providers: Frac.dec('50%') }, { providers: Frac.dec('0%') }],
    cap: Frac.dec('1.5%'),
    collar: Frac.dec('1.5%'),
    quality: { factor: met >= 3 ? new Frac(1n) : new Frac(0n), when: 'before' },
  });
  const out = [line('risk-share', 'AllianceShare', '2026/27', '*', share.providersPence)];
  for (const p of allocate(share.providersPence, SHARES))
    out.push(line('risk-share', 'AllianceShare', '2026/27', p.provider, p.pence));
  return out;
};
