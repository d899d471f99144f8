// Golden statement for demo.worked.WorkedAlliance (contracts/demo/worked-examples.parity, part b).
//
// Risk share AllianceGainShare: budget £50,000,000; outturn WorkedAllianceOutturn, the month's
// spend in the OutturnReturn (`rows are events`, pence), summed year to date; `part year compared
// with budget for months reported` (budget × months ÷ 12, half-up to the penny, and the cap and
// collar are % of that); 50/50 either way; cap gain 2%, collar loss 1%; quality gate 8 of M1–M10
// met (each target 75%, `rows are events` in AllianceQualityReturn, year to date, minimum
// denominator 20), otherwise 50% after the cap; among providers fixed: Teaching Hospitals RAE 60%,
// District Care TAD 40%, largest remainder. Provisional: 5 months to come.
//
// Worked by hand:
//   Outturn April–October: 404,654,500 + 404,761,500 + 405,541,800 + 405,091,600 + 403,424,500
//     + 404,369,600 + 405,074,500 = 2,832,918,000p (£28,329,180.00), 7 months.
//   Budget for 7 months: £50,000,000 × 7/12 = £29,166,666.666… → £29,166,666.67.
//   Gain £29,166,666.67 − £28,329,180.00 = £837,486.67; providers 50% = £418,743.335.
//   Cap 2% × £29,166,666.67 = £583,333.3334: does not bind.
//   Gate, year to date: M1 350/430 81.4%, M2 323/386 83.7%, M3 295/381 77.4%, M4 265/365 72.6%
//     (missed), M5 348/422 82.5%, M6 296/379 78.1%, M7 194/383 50.7% (missed), M8 324/402 80.6%,
//     M9 301/393 76.6%, M10 334/404 82.7% → 8 of 10 met, 8 needed: open, factor 100%.
//   Providers receive £418,743.335 → half-up 41,874,334p.
//   Split: RAE 60% = 25,124,600.4, TAD 40% = 16,749,733.6 → floors 41,874,333p; the penny left
//     goes to TAD (.6): RAE 25,124,600p, TAD 16,749,734p.

import { allocate, Frac, line, ods, riskShare, standingReturnRows, yearMonths } from './read-feeds.mjs';

export const contract = 'demo.worked.WorkedAlliance';

const SHARES = [
  ['BradfordTeachingHospitals', '60%'],
  ['BradfordDistrictCare', '40%'],
].map(([org, share]) => ({ provider: ods(org), weight: Frac.dec(share) }));

const GATE = ['M1', 'M2', 'M3', 'M4', 'M5', 'M6', 'M7', 'M8', 'M9', 'M10'];
const TARGET = Frac.dec('75%');
const YEAR = yearMonths('2026/27');

export const outturn = () => {
  const rows = standingReturnRows(contract, 'OutturnReturn').filter(
    (r) => r.measure === 'WorkedAllianceOutturn',
  );
  return {
    pence: rows.reduce((s, r) => s + BigInt(r.pence), 0n),
    months: new Set(rows.map((r) => r.period)).size,
  };
};

/** Each gate measure year to date (events: the months' counts add up), and whether it is met. */
export const gate = () => {
  const rows = standingReturnRows(contract, 'AllianceQualityReturn');
  return GATE.map((measure) => {
    const mine = rows.filter((r) => r.measure === measure && YEAR.includes(r.period));
    const n = mine.reduce((s, r) => s + BigInt(r.numerator), 0n);
    const d = mine.reduce((s, r) => s + BigInt(r.denominator), 0n);
    if (d < 20n) return { measure, n, d, met: undefined }; // insufficient data: not met
    return { measure, n, d, met: new Frac(n, d).gte(TARGET) };
  });
};

export const lines = () => {
  const o = outturn();
  const met = gate().filter((g) => g.met === true).length;
  const share = riskShare({
    budget: 5_000_000_000n,
    outturn: o.pence,
    months: o.months,
    basis: 'months',
    gainBands: [{ providers: Frac.dec('50%') }],
    lossBands: [{ providers: Frac.dec('50%') }],
    cap: Frac.dec('2%'),
    collar: Frac.dec('1%'),
    quality: { factor: met >= 8 ? new Frac(1n) : Frac.dec('50%'), when: 'after' },
  });
  const out = [line('risk-share', 'AllianceGainShare', '2026/27', '*', share.providersPence)];
  for (const p of allocate(share.providersPence, SHARES)) {
    out.push(line('risk-share', 'AllianceGainShare', '2026/27', p.provider, p.pence));
  }
  return out;
};
