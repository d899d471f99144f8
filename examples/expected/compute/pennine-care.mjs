// Golden statement for demo.pennine_care.PennineCareSubContract
// (contracts/demo/pennine-care-subcontract.parity).
//
// The contract: a sub-contract under demo.pennine.PainPathwayPrime for 2026/27. The prime, Pennine
// MSK, pays the subcontractor Pennine Care (ODS RT2): `value £1,200,000`, `instalments monthly`
// ("paid by the prime from the programme budget"; the subcontractor receives it, so the lines name
// RT2), and `flow down PsychologicalOutcomes share 40%`, `flow down TimelyAssessment share 25%`, `flow down QualityOfLife share 20%`: a
// share of what the prime earns on each of those withhold indicators (computed once, in
// pennine-prime.mjs, from the prime's data). No rounding clause: half-up to the penny on each line.
// The monitor (paired outcomes, target 80%) moves no money. The withhold is assessed at year end,
// so the flow-down lines are provisional on the year's data so far.
//
// Worked by hand:
//   block 2026-04: 120,000,000p ÷ 12 = 10,000,000p (£100,000.00), remainder 0; every month.
//   flow-down PsychologicalOutcomes: the prime earns 0p (30 of 69 = 43.5%, under 50%) → 40% × 0p = 0p.
//   flow-down TimelyAssessment: the prime earns 0p (218 of 317 = 68.8%, under 70%) → 25% × 0p = 0p.
//   flow-down QualityOfLife: the prime earns 4,800,000p (mean change 9 points on 94 discharged
//     episodes, attainment 0.4) → 20% × 4,800,000p = 960,000p (£9,600.00).
//   The flow-down reads the prime's own result (record-level, from the prime's feeds), never the
//   copies of those feeds sent to the sub-contract, which only its monitor reads.
//   (Had the prime earned its test's £45,000 and £36,000: 40% → £18,000, 25% → £9,000.)

import { earned } from './pennine-prime.mjs';
import { Frac, instalments, line, ods, yearMonths } from './read-feeds.mjs';

export const contract = 'demo.pennine_care.PennineCareSubContract';

const YEAR = '2026/27';
const VALUE_PENCE = 120_000_000n; // £1,200,000
const FLOW_DOWN = [
  ['PsychologicalOutcomes', Frac.dec('40%')],
  ['TimelyAssessment', Frac.dec('25%')],
  ['QualityOfLife', Frac.dec('20%')],
];

/** What flows down to Pennine Care on each indicator: share × what the prime earns, half-up to the penny. */
export const flowDown = () => {
  const prime = earned();
  return FLOW_DOWN.map(([indicator, share]) => ({
    indicator,
    provider: ods('PennineCare'),
    pence: Frac.of(prime[indicator]).mul(share).round(),
  }));
};

export const lines = () => {
  const provider = ods('PennineCare');
  const months = yearMonths(YEAR);
  const out = instalments(VALUE_PENCE, 12).map((p, i) => line('block', contract, months[i], provider, p));
  for (const flow of flowDown()) out.push(line('flow-down', flow.indicator, YEAR, provider, flow.pence));
  return out;
};
