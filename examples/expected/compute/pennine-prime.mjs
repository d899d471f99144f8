// Golden statement for demo.pennine.PainPathwayPrime (contracts/demo/pennine-msk-prime.parity).
//
// The contract: Oldham commissions Pennine MSK Partnership (ODS NPK) as prime provider of the
// persistent pain pathway for 2026/27: `value £6,000,000`, `instalments monthly`, and
// `withhold OutcomePayment worth 5% of value`, "held back and released at year end on outcomes",
// `assessed annually`. No rounding clause: half-up to the penny on each line.
//
// Block: the £300,000 withheld is held back from the instalments: (600,000,000p − 30,000,000p) ÷ 12
//   = 47,500,000p (£475,000.00) a month, remainder 0, every month of the year.
// Withhold: one line per indicator for the year 2026/27, its weight × 30,000,000p × attainment on
//   the year's data so far (April–October referrals; the assessment is at year end, so these are
//   provisional until March's data are in). Measures (contracts/nhs/measures/pain.parity,
//   outcome-monitoring.parity), on every PainEpisodes / OutcomeRecords row of the year
//   (`rows are events`: the months add up; each row lies in its feed's month):
//   - QualityOfLifeChange: population discharged_on, eq_vas_at_referral and eq_vas_at_discharge all
//     recorded; score the mean of (discharge − referral); minimum 30.
//   - PairedOutcomesRecorded: denominator people with a row where contacts >= 2 and the instrument
//     is PHQ-9, GAD-7 or CORE-10; numerator those with such a row "at least 2 times" (two or more
//     rows; read literally as records, not distinct months); minimum 20; rolling 12 months to the
//     year end covers every row.
//   - AssessedWithinSixWeeks: denominator referred_on in the year; numerator first_assessed_on at most
//     42 days after referred_on (unassessed referrals are not in the numerator, even October's whose
//     six weeks have not run out; read literally); minimum 30.
//   - StrongOpioidsStopped: denominator strong_opioid_at_referral = true and discharged_on recorded;
//     numerator strong_opioid_at_discharge = false; minimum 20.
//
// Worked by hand (2026/27 so far):
//   block 2026-04: 570,000,000p ÷ 12 = 47,500,000p.
//   QualityOfLife (40% = 12,000,000p): 94 discharged with both scores, changes summing to +846
//     points → mean 9; linear 5→15: (9 − 5) / 10 = 0.4 → 4,800,000p (£48,000.00).
//   PsychologicalOutcomes (30% = 9,000,000p): 30 of 69 people with two or more qualifying records
//     = 43.5%, under 50% → 0 → 0p.
//   TimelyAssessment (20% = 6,000,000p): 218 of 317 assessed within 6 weeks = 68.8%, under 70% → 0p.
//   OpioidReduction (10% = 3,000,000p): 11 of 36 stopped = 30.6%, at least 30% → 3,000,000p.
//   withhold so far 7,800,000p (£78,000.00) of the 30,000,000p.
//
// Memoranda (no money of their own, in no total): for each indicator flowing down to Pennine Care
// (RT2) under its sub-contract (pennine-care.mjs), what flows down and what the prime keeps:
//   QualityOfLife: 20% × 4,800,000p = 960,000p flows down; NPK keeps 4,800,000p − 960,000p = 3,840,000p.
//   PsychologicalOutcomes: 40% × 0p = 0p flows down; NPK keeps 0p.
//   TimelyAssessment: 25% × 0p = 0p flows down; NPK keeps 0p.

import { flowDown } from './pennine-care.mjs';
import { Frac, instalments, line, ods, parseDate, standingDatasetFeeds, yearMonths } from './read-feeds.mjs';

export const contract = 'demo.pennine.PainPathwayPrime';

const YEAR = '2026/27';
const VALUE_PENCE = 600_000_000n; // £6,000,000
const WITHHOLD_PENCE = (VALUE_PENCE * 5n) / 100n; // 5% of value = 30,000,000p
const INSTRUMENTS = new Set(['PHQ-9', 'GAD-7', 'CORE-10']);

const rowsOf = (source) =>
  standingDatasetFeeds(contract, source).flatMap((f) => {
    const dated = source === 'PainEpisodes' ? 'referred_on' : 'recorded_on';
    for (const r of f.rows)
      if (r[dated].slice(0, 7) !== f.period) throw new Error(`${f.file}: ${r[dated]} outside ${f.period}`);
    return f.rows;
  });

const linear = (score, from, to) =>
  score.lt(from) ? new Frac(0n) : score.gte(to) ? new Frac(1n) : score.sub(from).div(Frac.of(to).sub(from));

/** The four indicators' scores and attainments on the year's data so far. */
export const indicators = () => {
  const episodes = rowsOf('PainEpisodes');
  const records = rowsOf('OutcomeRecords');

  const qol = episodes.filter(
    (r) => r.discharged_on && r.eq_vas_at_referral !== '' && r.eq_vas_at_discharge !== '',
  );
  const qolSum = qol.reduce((s, r) => s + BigInt(r.eq_vas_at_discharge) - BigInt(r.eq_vas_at_referral), 0n);

  const perPerson = new Map();
  for (const r of records)
    if (BigInt(r.contacts) >= 2n && INSTRUMENTS.has(r.instrument))
      perPerson.set(r.person, (perPerson.get(r.person) ?? 0) + 1);
  const paired = [...perPerson.values()].filter((n) => n >= 2).length;

  const assessed = episodes.filter(
    (r) => r.first_assessed_on && parseDate(r.first_assessed_on) - parseDate(r.referred_on) <= 42,
  ).length;

  const onOpioid = episodes.filter((r) => r.strong_opioid_at_referral === 'true' && r.discharged_on);
  const stopped = onOpioid.filter((r) => r.strong_opioid_at_discharge === 'false').length;

  const judged = (num, den, minimum, rule) => {
    if (den < minimum) return { score: undefined, attainment: new Frac(0n), status: 'insufficient data' };
    const score = new Frac(BigInt(num), BigInt(den));
    return { score, attainment: rule(score), num, den };
  };
  return {
    QualityOfLife: {
      weight: Frac.dec('40%'),
      ...(qol.length < 30
        ? { attainment: new Frac(0n), status: 'insufficient data' }
        : {
            score: new Frac(qolSum, BigInt(qol.length)),
            attainment: linear(new Frac(qolSum, BigInt(qol.length)), 5n, 15n),
          }),
    },
    PsychologicalOutcomes: {
      weight: Frac.dec('30%'),
      ...judged(paired, perPerson.size, 20, (s) => linear(s, Frac.dec('50%'), Frac.dec('80%'))),
    },
    TimelyAssessment: {
      weight: Frac.dec('20%'),
      ...judged(assessed, episodes.length, 30, (s) => linear(s, Frac.dec('70%'), Frac.dec('95%'))),
    },
    OpioidReduction: {
      weight: Frac.dec('10%'),
      ...judged(stopped, onOpioid.length, 20, (s) => new Frac(s.gte(Frac.dec('30%')) ? 1n : 0n)),
    },
  };
};

/** What the prime earns on each indicator from the withhold, pence (half-up to the penny). */
export const earned = () =>
  Object.fromEntries(
    Object.entries(indicators()).map(([name, i]) => [
      name,
      Frac.of(WITHHOLD_PENCE).mul(i.weight).mul(i.attainment).round(),
    ]),
  );

export const lines = () => {
  const provider = ods('PennineMsk');
  const months = yearMonths(YEAR);
  const out = instalments(VALUE_PENCE - WITHHOLD_PENCE, 12).map((p, i) =>
    line('block', contract, months[i], provider, p),
  );
  const prime = earned();
  for (const [name, pence] of Object.entries(prime)) out.push(line('withhold', name, YEAR, provider, pence));
  for (const [name, pence] of Object.entries(prime)) {
    const flows = flowDown().filter((f) => f.indicator === name);
    if (flows.length === 0) continue;
    for (const f of flows) out.push(line('flows-down', name, YEAR, f.provider, f.pence));
    out.push(line('kept', name, YEAR, provider, pence - flows.reduce((s, f) => s + f.pence, 0n)));
  }
  return out;
};
