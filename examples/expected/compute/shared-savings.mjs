// Golden statement for demo.shared_savings.CityHackneySharedSavings
// (contracts/demo/shared-savings-mssp.parity).
//
// Risk share SharedSavings: benchmark £100,000,000; outturn PartnershipExpenditure, the month's
// spend in the OutturnReturn (`rows are events`, pence), summed year to date; `part year forecast
// at run rate` (outturn × 12 ÷ months reported, against the whole benchmark); minimum gain and loss
// 2% of the benchmark (below it nothing, at or above it shared from the first pound); gain 50% to
// the providers scaled by QualityScore before the cap; loss 40% to the providers; cap 10%, loss
// limit 5%; among providers fixed 40/30/20/10 (Homerton RQX, East London RWK, GP Confederation
// Y9002, Tavistock and Portman RNK), largest remainder. QualityScoreReturn is `rows are
// cumulative`, reported for 2026/27: the latest return stands (October: 33 of 40 points).
// Provisional: 5 months to come.
//
// Worked by hand:
//   Outturn April–October: 811,211,000 + 807,656,900 + 810,274,100 + 808,043,200 + 807,308,200
//     + 809,664,800 + 805,270,100 = 5,659,428,300p (£56,594,283.00) for 7 months.
//   Forecast £56,594,283 × 12 ÷ 7 = £97,018,770.857… (exact: 679,131,396 ÷ 7 pounds).
//   Gain £100,000,000 − £97,018,770.857… = £2,981,229.142857… (20,868,604 ÷ 7 pounds), 2.98% of the
//     benchmark, above the £2,000,000 minimum: shared from the first pound.
//   Providers 50% = £1,490,614.5714…; quality 33/40 = 82.5% before the cap →
//     £1,229,757.0214…, under the £10,000,000 cap → half-up 122,975,702p.
//   Split: RQX 40% = 49,190,280.8; RWK 30% = 36,892,710.6; Y9002 20% = 24,595,140.4; RNK 10% =
//     12,297,570.2 → floors sum to 122,975,700p; the 2 pennies left go to the largest remainders,
//     RQX (.8) and RWK (.6): 49,190,281p and 36,892,711p.

import { allocate, Frac, line, ods, riskShare, standingReturnRows } from './read-feeds.mjs';

export const contract = 'demo.shared_savings.CityHackneySharedSavings';

const SHARES = [
  ['HomertonHealthcare', '40%'],
  ['EastLondonNhsFT', '30%'],
  ['CityAndHackneyGpConfederation', '20%'],
  ['TavistockAndPortman', '10%'],
].map(([org, share]) => ({ provider: ods(org), weight: Frac.dec(share) }));

export const outturn = () => {
  const rows = standingReturnRows(contract, 'OutturnReturn').filter(
    (r) => r.measure === 'PartnershipExpenditure',
  );
  const months = new Set(rows.map((r) => r.period));
  return { pence: rows.reduce((s, r) => s + BigInt(r.pence), 0n), months: months.size };
};

export const qualityScore = () => {
  // Cumulative: the latest return for the year stands (standingReturnRows keeps the last one sent).
  const rows = standingReturnRows(contract, 'QualityScoreReturn').filter(
    (r) => r.measure === 'QualityScore' && r.period === '2026/27',
  );
  if (rows.length !== 1) throw new Error('expected one standing quality score');
  const { numerator, denominator } = rows[0];
  if (denominator < 10) throw new Error('quality score under its minimum denominator');
  return new Frac(BigInt(numerator), BigInt(denominator));
};

export const lines = () => {
  const o = outturn();
  const share = riskShare({
    budget: 10_000_000_000n,
    outturn: o.pence,
    months: o.months,
    basis: 'run-rate',
    minimum: { gain: Frac.dec('2%'), loss: Frac.dec('2%') },
    gainBands: [{ providers: Frac.dec('50%') }],
    lossBands: [{ providers: Frac.dec('40%') }],
    quality: { factor: qualityScore(), when: 'before' },
    cap: Frac.dec('10%'),
    collar: Frac.dec('5%'),
  });
  const out = [line('risk-share', 'SharedSavings', '2026/27', '*', share.providersPence)];
  for (const p of allocate(share.providersPence, SHARES))
    out.push(line('risk-share', 'SharedSavings', '2026/27', p.provider, p.pence));
  return out;
};
