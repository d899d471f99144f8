// Golden statement for demo.worked.WorkedAnnual (contracts/demo/worked-examples.parity, (a)).
//
// The contract: as WorkedQuarterly (value £40,000,000 monthly, provider TAD, scheme worth 1.25% =
// £500,000, one indicator at weight 100%, linear 40%→80%), but `assessed annually`: the year's
// counts are pooled and the indicator is judged once, on one line for 2026/27. Half-up to the
// penny. The same return feeds (Q1 120/400, Q2 180/400; WorkedReturn rows are events, so pooled by
// adding).
//
// Worked by hand:
//   block: 4,000,000,000p ÷ 12 = 333,333,333p rem 4 -> April–July 333,333,334p, the rest 333,333,333p.
//   cquin 2026/27: pooled so far (120 + 180) / (400 + 400) = 300 / 800 = 37.5% < 40% -> attainment 0
//     -> £0. Only half the year is in; Q3 and Q4 would need (0.4 × 1,600 − 300) = 340 of 800 to
//     reach the minimum. Whether an annual indicator is judged before the year's data are in or
//     shown as not yet due, it pays 0p today, so the line is 0 either way (provisional).

import { Frac, instalments, line, linearAttainment, ods, standingReturnRows } from './read-feeds.mjs';

export const contract = 'demo.worked.WorkedAnnual';

const VALUE = 4_000_000_000n;
const WORTH = Frac.dec('1.25%');
const MIN_DENOMINATOR = 100n;

export const lines = () => {
  const provider = ods('BradfordDistrictCare');
  const out = [];
  const months = ['2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09'];
  months.push('2026-10', '2026-11', '2026-12', '2027-01', '2027-02', '2027-03');
  instalments(VALUE).forEach((p, i) => {
    out.push(line('block', contract, months[i], provider, p));
  });
  const rows = standingReturnRows(contract, 'WorkedReturn').filter(
    (r) => r.measure === 'WorkedProportion' && r.provider === provider && r.period.startsWith('2026/27'),
  );
  const num = rows.reduce((s, r) => s + BigInt(r.numerator), 0n);
  const den = rows.reduce((s, r) => s + BigInt(r.denominator), 0n);
  let pence = 0n;
  if (den >= MIN_DENOMINATOR) {
    const a = linearAttainment(new Frac(num, den), Frac.dec('40%'), Frac.dec('80%'));
    pence = Frac.of(VALUE).mul(WORTH).mul(a).round();
  }
  out.push(line('cquin', 'AnnualIndicator', '2026/27', provider, pence));
  return out;
};
