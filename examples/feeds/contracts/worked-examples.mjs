// The worked examples (contracts/demo/worked-examples.parity):
//   quarterly-return-2026-06.json, -2026-09.json   Bradford District Care (TAD): the quarterly
//                                                  CQUIN return, to both WorkedQuarterly and
//                                                  WorkedAnnual, which differ only in how they assess
//   alliance-quality-ODS-YYYY-MM.json              the alliance quality measures, each from the
//                                                  partner accountable for it (TAD or RAE)
//   alliance-outturn-YYYY-MM.json                  Bradford Teaching Hospitals (RAE), as budget
//                                                  holder: the month's spend in pence
// The story follows the worked example's own figures: 30% in Q1 and 45% in Q2, so the quarterly
// scheme earns nothing in Q1 and a little in Q2; the alliance meets eight of its ten quality
// measures and spends about 3% under budget, so the gain is capped at 2% of budget.
import { MONTHS, randomSource, returnJson } from './demo-data.mjs';

const FOLDER = 'worked-examples';
// Measure, accountable partner, the share meeting the standard.
const QUALITY = [
  ['M1', 'RAE', 0.81],
  ['M2', 'TAD', 0.86],
  ['M3', 'RAE', 0.78],
  ['M4', 'TAD', 0.69],
  ['M5', 'RAE', 0.83],
  ['M6', 'TAD', 0.77],
  ['M7', 'RAE', 0.52],
  ['M8', 'TAD', 0.8],
  ['M9', 'RAE', 0.79],
  ['M10', 'TAD', 0.84],
];

export function writeWorkedExampleFeeds(send) {
  const { between, countOf } = randomSource(20260515);
  for (const [month, quarter, numerator] of [
    ['2026-06', '2026/27 Q1', 120],
    ['2026-09', '2026/27 Q2', 180],
  ])
    for (const contract of ['demo.worked.WorkedQuarterly', 'demo.worked.WorkedAnnual'])
      send(
        contract,
        'WorkedReturn',
        month,
        'TAD',
        `${FOLDER}/quarterly-return-${month}.json`,
        returnJson([{ measure: 'WorkedProportion', period: quarter, numerator, denominator: 400 }]),
      );
  for (const month of MONTHS) {
    for (const ods of ['RAE', 'TAD']) {
      const rows = QUALITY.filter(([, partner]) => partner === ods).map(([measure, , share]) => {
        const denominator = between(40, 70);
        return { measure, period: month, numerator: countOf(denominator, share), denominator };
      });
      send(
        'demo.worked.WorkedAlliance',
        'AllianceQualityReturn',
        month,
        ods,
        `${FOLDER}/alliance-quality-${ods.toLowerCase()}-${month}.json`,
        returnJson(rows),
      );
    }
    // £50,000,000 / 12 = £4,166,666.67 a month; about 97% of it spent.
    send(
      'demo.worked.WorkedAlliance',
      'OutturnReturn',
      month,
      'RAE',
      `${FOLDER}/alliance-outturn-${month}.json`,
      returnJson([
        {
          measure: 'WorkedAllianceOutturn',
          period: month,
          pence: 404_000_000 + between(-20_000, 20_000) * 100,
        },
      ]),
    );
  }
}
