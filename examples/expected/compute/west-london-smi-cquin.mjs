// Golden statement for demo.westlondon_cquin.SmiPhysicalHealthCquin
// (contracts/demo/west-london-smi-cquin.parity).
//
// The contract: cquin, 2026/27, provider West London NHS Trust (ODS RKL), host value £3,600,000
// with no instalments (so no block lines); scheme NationalCquin worth 2.5% of value = £90,000,
// assessed quarterly. Its one indicator, CardioMetabolic (weight 100%: 9,000,000p), is paid in two
// parts, each its share of the indicator's value, allocated to the penny (here exact):
//   A4a share 80% = 7,200,000p, CardioMetabolicAssessment, linear 75%→90%
//   A4b share 20% = 1,800,000p, CarePlanSharedWithGp,      linear 50%→90%
// and each part's value in four equal quarters: A4a 1,800,000p, A4b 450,000p a quarter. No
// rounding clause: half-up to the penny on each line.
//
// Both measures are proportions on SmiCquinAuditReturn (`rows are events`, `period quarter`): a
// quarter's score is the sum of its months' numerators over the sum of their denominators, with a
// minimum denominator of 20. As of 2026-12-04, Q3 has only October's return (provisional) and Q4
// none (0p).
//
// Worked by hand:
//   A4a Q1: 20 + 25 + 23 = 68 of 25 + 30 + 25 = 80 = 85% -> (85 − 75) / 15 = 2/3
//     -> 1,800,000p × 2/3 = 1,200,000p.
//   A4b Q1: 10 + 12 + 13 = 35 of 15 + 20 + 15 = 50 = 70% -> (70 − 50) / 40 = 1/2 -> 225,000p.
//   A4a Q3 (October only): 25 of 27 = 92.6% ≥ 90% -> 1 -> 1,800,000p.
//   A4b Q2: 15 + 14 + 17 = 46 of 18 + 16 + 20 = 54 = 85.185…% -> (46/54 − 1/2) / (2/5) = 95/108
//     -> 450,000p × 95/108 = 395,833.33…p -> 395,833p.

import {
  allocate,
  Frac,
  line,
  linearAttainment,
  ods,
  quarterMonths,
  standingReturnRows,
  yearQuarters,
} from './read-feeds.mjs';

export const contract = 'demo.westlondon_cquin.SmiPhysicalHealthCquin';

const YEAR = '2026/27';
const INDICATOR = Frac.of(360_000_000n).mul(Frac.dec('2.5%')).round(); // 9,000,000p
const PARTS = [
  {
    clause: 'A4a',
    measure: 'CardioMetabolicAssessment',
    share: 80n,
    scale: [Frac.dec('75%'), Frac.dec('90%')],
  },
  { clause: 'A4b', measure: 'CarePlanSharedWithGp', share: 20n, scale: [Frac.dec('50%'), Frac.dec('90%')] },
];
const MINIMUM_DENOMINATOR = 20n;

export const lines = () => {
  const provider = ods('WestLondonNhsTrust');
  const rows = standingReturnRows(contract, 'SmiCquinAuditReturn');
  const values = allocate(
    INDICATOR,
    PARTS.map((p) => ({ weight: p.share })),
  ).map((p) => p.pence);
  const out = [];
  PARTS.forEach((part, at) => {
    const quarters = allocate(
      values[at],
      [1n, 1n, 1n, 1n].map((weight) => ({ weight })),
    ).map((p) => p.pence);
    yearQuarters(YEAR).forEach((quarter, q) => {
      const months = quarterMonths(quarter);
      const inQuarter = rows.filter((r) => r.measure === part.measure && months.includes(r.period));
      const num = inQuarter.reduce((s, r) => s + BigInt(r.numerator), 0n);
      const den = inQuarter.reduce((s, r) => s + BigInt(r.denominator), 0n);
      const pence =
        den < MINIMUM_DENOMINATOR
          ? 0n
          : Frac.of(quarters[q])
              .mul(linearAttainment(new Frac(num, den), ...part.scale))
              .round();
      out.push(line('cquin', part.clause, quarter, provider, pence));
    });
  });
  return out;
};
