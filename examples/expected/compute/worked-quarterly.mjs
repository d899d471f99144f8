// Golden statement for demo.worked.WorkedQuarterly (contracts/demo/worked-examples.parity, (a)).
//
// The contract: cquin, 2026/27, provider Bradford District Care (ODS TAD), value £40,000,000 in
// monthly instalments; scheme QuarterlyScheme worth 1.25% of value = £500,000, assessed quarterly,
// one indicator QuarterlyIndicator (weight 100%) on WorkedProportion, linear from 40% to 80%;
// minimum denominator 100; no rounding clause, so half-up to the penny on each line.
// WorkedReturn is `rows are events`: each row is its quarter's counts (the feeds carry Q1, Q2).
//
// Worked by hand:
//   block 2026-04: 4,000,000,000p ÷ 12 = 333,333,333p remainder 4, so the first four months
//     (April–July) get one penny more: 333,333,334p; August–March 333,333,333p; 12 lines sum to
//     4,000,000,000p.
//   cquin Q1: 120 of 400 = 30% < 40%          -> attainment 0      -> £0
//   cquin Q2: 180 of 400 = 45%                -> (45 − 40) / 40 = 0.125 -> 0.125 × £125,000 = £15,625.00
//     (each quarter earns a quarter of £500,000 = £125,000 at most)
//   cquin Q3: no return for Q3 yet (feeds run to October) -> nothing earned, 0p (the service says
//     "no data"; the contract pays on a quarter's result, and there is none)
//   cquin Q4: not started by 2026-12-04 -> 0p.

import { Frac, instalments, line, linearAttainment, ods, standingReturnRows } from './read-feeds.mjs';

export const contract = 'demo.worked.WorkedQuarterly';

const VALUE = 4_000_000_000n; // £40,000,000
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
  const rows = standingReturnRows(contract, 'WorkedReturn').filter((r) => r.measure === 'WorkedProportion');
  const quarterValue = Frac.of(VALUE).mul(WORTH).div(4n); // weight 100%
  for (const q of ['Q1', 'Q2', 'Q3', 'Q4']) {
    const period = `2026/27 ${q}`;
    const mine = rows.filter((r) => r.period === period && r.provider === provider);
    const num = mine.reduce((s, r) => s + BigInt(r.numerator), 0n);
    const den = mine.reduce((s, r) => s + BigInt(r.denominator), 0n);
    let pence = 0n;
    if (mine.length > 0 && den >= MIN_DENOMINATOR) {
      const a = linearAttainment(new Frac(num, den), Frac.dec('40%'), Frac.dec('80%'));
      pence = quarterValue.mul(a).round();
    }
    out.push(line('cquin', 'QuarterlyIndicator', period, provider, pence));
  }
  return out;
};
