// Commissioner shares of the multi-commissioner demo contracts' golden lines, written to
// examples/expected/commissioner-shares/<contract>.csv.
//
// Devon's perinatal service is funded 40% by South Devon and Torbay and 60% by Northern, Eastern
// and Western Devon (`commissioner … share 40%`, `share 60%`, `apportioned by fixed`); Hull's liaison
// service 70% by Hull and 30% by East Riding. Each line is apportioned exactly: each commissioner
// gets its share of the line's pence rounded down, and the pennies left over go one each to the
// largest remainders (the commissioner named first on a tie), so the shares sum to the line.
//
// Worked by hand:
//   Devon block 2026-04: 26,666,667p × 40% = 10,666,666.8p and × 60% = 16,000,000.2p; floors
//     10,666,666p + 16,000,000p = 26,666,666p, 1p left to the larger remainder (0.8):
//     10,666,667p and 16,000,000p.
//   Devon block 2026-12: 26,666,666p × 40% = 10,666,666.4p, × 60% = 15,999,999.6p; floors
//     10,666,666p + 15,999,999p, 1p left to the larger remainder (0.6): 10,666,666p and 16,000,000p.
//   Devon MidwifeTraining 585,366p: 234,146.4p and 351,219.6p -> 234,146p and 351,220p.
//   Hull EmergencyResponse Q1 218,182p × 70% / 30%: 152,727.4p and 65,454.6p -> 152,727p and 65,455p.
//   Hull block 2026-04: 40,000,000p × 70% = 28,000,000p, × 30% = 12,000,000p exactly.

import { lines as devonLines } from './devon-perinatal.mjs';
import { lines as hullLines } from './hull-acute-liaison.mjs';
import { ods } from './read-feeds.mjs';

/** Shares of `pence` in proportion to whole-number weights, by largest remainder. */
export const apportion = (pence, weights) => {
  const total = weights.reduce((s, w) => s + w, 0n);
  const negative = pence < 0n;
  const magnitude = negative ? -pence : pence;
  const parts = weights.map((w) => (magnitude * w) / total);
  let left = magnitude - parts.reduce((s, p) => s + p, 0n);
  const order = weights
    .map((w, index) => ({ index, remainder: (magnitude * w) % total }))
    .sort((a, b) => (a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1));
  for (const { index } of order) {
    if (left === 0n) break;
    parts[index] += 1n;
    left -= 1n;
  }
  return negative ? parts.map((p) => -p) : parts;
};

const CONTRACTS = [
  {
    contract: 'demo.devon.PerinatalMentalHealth',
    lines: devonLines,
    commissioners: [
      [ods('SouthDevonTorbayCCG'), 40n],
      [ods('NewDevonCCG'), 60n],
    ],
  },
  {
    contract: 'demo.hull.AcuteLiaisonMentalHealth',
    lines: hullLines,
    commissioners: [
      [ods('HullPlace'), 70n],
      [ods('EastRidingPlace'), 30n],
    ],
  },
];

/** One file per contract: each golden line's share for each commissioner. */
export const outputs = async () =>
  Promise.all(
    CONTRACTS.map(async ({ contract, lines, commissioners }) => {
      const rows = [];
      for (const l of await lines()) {
        const shares = apportion(
          BigInt(l.pence),
          commissioners.map(([, w]) => w),
        );
        commissioners.forEach(([code], i) => {
          rows.push([l.kind, l.clause, l.period, l.provider, code, shares[i]]);
        });
      }
      return {
        file: `commissioner-shares/${contract}.csv`,
        columns: ['kind', 'clause', 'period', 'provider', 'commissioner', 'pence'],
        rows,
      };
    }),
  );
