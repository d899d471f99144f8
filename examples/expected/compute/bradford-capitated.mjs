// Golden statement for demo.bradford_capitated.BradfordIntegratedCare
// (contracts/demo/bradford-capitated.parity).
//
// Capitation WholePopulation: population registered from finance.RegisteredPopulation (the
// RegisteredListReturn, `rows are levels read as latest`: the latest return for a month stands),
// £1,920 a person a year (192,000p) paid monthly, so population × 192,000p ÷ 12 a month, divided
// among the providers by their fixed shares (Teaching Hospitals RAE 45%, Airedale RCF 15%, District
// Care TAD 20%, GP federation Y9001 12%, Council 380 8%), parts summing to the month's whole: each
// part floored, pennies left to the largest remainders, ties in listed order.
//
// Risk share SystemRiskShare: budget £1,248,000,000; outturn IntegratedCareOutturn, the total of
// the ledger's SpendLines (`rows are events`, credits negative) with budget_code BDC-INTEGRATED,
// year to date; `part year compared with budget for months reported`; 50/50 either way; cap and
// collar 1% of (the pro-rated) budget; split by the fixed shares above, largest remainder. The
// measure's minimum denominator of 12 is met (459 spend lines). Provisional: 5 months to come.
//
// Worked by hand:
//   Capitation 2026-05: 651,406 people × 192,000p ÷ 12 = 651,406 × 16,000p = 10,422,496,000p
//     (£104,224,960.00). RAE 45% = 4,690,123,200p; RCF 15% = 1,563,374,400p; TAD 20% =
//     2,084,499,200p; Y9001 12% = 1,250,699,520p; 380 8% = 833,799,680p (all exact).
//   Risk share: 7 months of ledger lines (April to October) total 72,348,237,961p
//     (£723,482,379.61). Budget for 7 months: £1,248,000,000 × 7/12 = £728,000,000.00.
//     Gain £728,000,000.00 − £723,482,379.61 = £4,517,620.39. Providers 50% = £2,258,810.195,
//     under the cap of 1% × £728,000,000 = £7,280,000 → rounded half-up: 225,881,020p.
//     Split: RAE 45% = 101,646,459.00; RCF 15% = 33,882,153.00; TAD 20% = 45,176,204.00;
//     Y9001 12% = 27,105,722.40; 380 8% = 18,070,481.60 → floors sum to 225,881,019p, the one penny
//     left goes to the largest remainder (380, .60): 380 = 18,070,482p.

import {
  allocate,
  Frac,
  line,
  ods,
  poundsToPence,
  riskShare,
  standingDatasetFeeds,
  standingReturnRows,
} from './read-feeds.mjs';

export const contract = 'demo.bradford_capitated.BradfordIntegratedCare';

const SHARES = [
  ['BradfordTeachingHospitals', '45%'],
  ['AiredaleNhsFT', '15%'],
  ['BradfordDistrictCare', '20%'],
  ['BradfordGpFederation', '12%'],
  ['BradfordCouncil', '8%'],
].map(([org, share]) => ({ provider: ods(org), weight: Frac.dec(share) }));

const RATE_PENCE = 192_000n; // £1,920 a person a year
const BUDGET_PENCE = 124_800_000_000n; // £1,248,000,000

export const capitation = (sets) => {
  const out = [];
  const population = new Map();
  for (const r of standingReturnRows(contract, 'RegisteredListReturn', sets)) {
    if (r.measure === 'finance.RegisteredPopulation') population.set(r.period, r); // latest stands
  }
  for (const period of [...population.keys()].sort()) {
    const whole = Frac.dec(String(population.get(period).value))
      .mul(RATE_PENCE)
      .div(12n)
      .round();
    for (const p of allocate(whole, SHARES))
      out.push(line('capitation', 'WholePopulation', period, p.provider, p.pence));
  }
  return out;
};

export const outturn = (sets) => {
  let pence = 0n;
  let rows = 0;
  const months = new Set();
  for (const feed of standingDatasetFeeds(contract, 'SpendLines', sets)) {
    for (const r of feed.rows) {
      if (r.posted_on.slice(0, 7) !== feed.period)
        throw new Error(`${r.line_id} posted outside ${feed.period}`);
      if (r.budget_code !== 'BDC-INTEGRATED') continue;
      pence += poundsToPence(r.amount);
      rows++;
      months.add(feed.period);
    }
  }
  return { pence, rows, months: months.size };
};

/** The statement from the feed sets given: the demo's (as of its today) or the whole year. */
export const statement = (sets) => {
  const o = outturn(sets);
  if (o.rows < 12) throw new Error('outturn under its minimum denominator');
  const half = Frac.dec('50%');
  const share = riskShare({
    budget: BUDGET_PENCE,
    outturn: o.pence,
    months: o.months,
    basis: 'months',
    gainBands: [{ providers: half }],
    lossBands: [{ providers: half }],
    cap: Frac.dec('1%'),
    collar: Frac.dec('1%'),
  });
  const risk = [line('risk-share', 'SystemRiskShare', '2026/27', '*', share.providersPence)];
  for (const p of allocate(share.providersPence, SHARES)) {
    risk.push(line('risk-share', 'SystemRiskShare', '2026/27', p.provider, p.pence));
  }
  return [...capitation(sets), ...risk];
};

export const lines = () => statement(['demo']);
