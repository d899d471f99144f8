// Golden statement for demo.devon.PerinatalMentalHealth (contracts/demo/devon-perinatal.parity).
//
// The contract: multi-commissioner, block and cquin, 2026/27; commissioners South Devon and Torbay
// 40% and Northern, Eastern and Western Devon 60% (fixed shares of the cost); providers Devon
// Partnership (ODS RWV), Royal Devon (RH8) and Torbay and South Devon (RA9); value £3,200,000 in
// monthly instalments, the perinatal team's value for the service as a whole (one line a month for
// provider "*"); `rounding half-up to penny` on every payable line.
// Scheme PerinatalQuality worth 1.25% of value = £40,000, assessed annually (one line for 2026/27):
//   MidwifeTraining   50% £20,000, RWV, perinatal.MidwivesTrained, linear 70%→95%
//   TimelyAssessment  50% £20,000, RWV, perinatal.AssessedWithin28Days, linear 60%→90%
// The monitors (enquiry at booking, place of assessment, admissions per 1,000 births) pay nothing.
//
// Measures (contracts/nhs/measures/perinatal.parity), on the accountable provider's own feeds:
//   MidwivesTrained: PerinatalWorkforceReturn `rows are cumulative`, period year to date: each
//     month's return for 2026/27 supersedes the last, so the October return (317 of 410) stands.
//   AssessedWithin28Days: PerinatalPathway `rows are events` dated by booked_on, pooled over the
//     year's months for an annual assessment; denominator referred_on recorded; numerator
//     assessed_on within 28 days of referred_on (0 ≤ assessed_on − referred_on ≤ 28 days);
//     minimum denominator 20. Only RWV's referral files: the maternity trusts' booking files also
//     carry referred_on, but the indicator is Devon Partnership's and its data are the perinatal
//     team's referrals. A referral not yet assessed is in the denominator and not the numerator,
//     as the measure reads (October's late referrals weigh on the provisional figure).
// The year is judged on the months reported so far (April–October), provisional until the year's
// data are complete.
//
// Worked by hand:
//   block 2026-04: 320,000,000p ÷ 12 = 26,666,666p remainder 8 -> April–November 26,666,667p,
//     December–March 26,666,666p (8 × 26,666,667 + 4 × 26,666,666 = 320,000,000).
//   cquin MidwifeTraining 2026/27: 317/410 = 77.317…% -> (317/410 − 0.70) / 0.25 = 12/41
//     = 0.29268… -> 2,000,000p × 12/41 = 585,365.85…p -> 585,366p (£5,853.66).
//   cquin TimelyAssessment 2026/27: 103 referrals April–October, 65 assessed within 28 days
//     = 63.107…% -> (65/103 − 0.60) / 0.30 = 32/309 -> 2,000,000p × 32/309 = 207,119.74…p
//     -> 207,120p (£2,071.20).

import {
  Frac,
  instalments,
  line,
  linearAttainment,
  ods,
  parseDate,
  standingDatasetFeeds,
  standingReturnRows,
  yearMonths,
} from './read-feeds.mjs';

export const contract = 'demo.devon.PerinatalMentalHealth';

const YEAR = '2026/27';
const VALUE = 320_000_000n; // £3,200,000
const WORTH = Frac.dec('1.25%');

export const lines = () => {
  const rwv = ods('DevonPartnership');
  const months = yearMonths(YEAR);
  const out = instalments(VALUE).map((p, i) => line('block', contract, months[i], '*', p));
  const scheme = Frac.of(VALUE).mul(WORTH);
  const half = Frac.dec('50%');

  // MidwifeTraining: the latest cumulative return for the year.
  const trained = standingReturnRows(contract, 'PerinatalWorkforceReturn').filter(
    (r) => r.measure === 'MidwivesTrained' && r.provider === rwv && r.period === YEAR,
  );
  let training = 0n;
  if (trained.length === 1) {
    const [r] = trained;
    if (BigInt(r.denominator) >= 20n) {
      const a = linearAttainment(new Frac(r.numerator, r.denominator), Frac.dec('70%'), Frac.dec('95%'));
      training = scheme.mul(half).mul(a).round();
    }
  }
  out.push(line('cquin', 'MidwifeTraining', YEAR, rwv, training));

  // TimelyAssessment: the year's referrals from the perinatal team's own feeds.
  let num = 0n;
  let den = 0n;
  for (const f of standingDatasetFeeds(contract, 'PerinatalPathway').filter((x) => x.provider === rwv)) {
    if (!months.includes(f.period)) continue;
    for (const r of f.rows) {
      if (r.booked_on.slice(0, 7) !== f.period) throw new Error(`${f.file}: ${r.person} outside ${f.period}`);
      if (r.referred_on === '') continue;
      den++;
      if (r.assessed_on !== '') {
        const wait = parseDate(r.assessed_on) - parseDate(r.referred_on);
        if (wait >= 0 && wait <= 28) num++;
      }
    }
  }
  let timely = 0n;
  if (den >= 20n) {
    const a = linearAttainment(new Frac(num, den), Frac.dec('60%'), Frac.dec('90%'));
    timely = scheme.mul(half).mul(a).round();
  }
  out.push(line('cquin', 'TimelyAssessment', YEAR, rwv, timely));
  return out;
};
