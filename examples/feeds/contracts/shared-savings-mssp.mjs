// City and Hackney shared savings (demo.shared_savings.CityHackneySharedSavings), sent by Homerton
// Healthcare (RQX), which holds the partnership's budget and compiles its scorecard:
//   partnership-outturn-YYYY-MM.json   the month's expenditure on the partnership's population, in
//                                      pence, from the outturn statement
//   quality-score-YYYY-MM.json         quality points scored of points available, year to date
// The story: spend runs about 3% under the £100m benchmark's monthly rate, past the 2% minimum, so
// the forecast saving is shared; the quality score improves month by month from 72% to 85%, past
// the 80% target.
import { MONTHS, randomSource, returnJson } from './demo-data.mjs';

const CONTRACT = 'demo.shared_savings.CityHackneySharedSavings';
const FOLDER = 'shared-savings-mssp';

export function writeSharedSavingsFeeds(send) {
  const { between } = randomSource(20260511);
  for (const [index, month] of MONTHS.entries()) {
    // £100,000,000 / 12 = £8,333,333.33 a month; about 97% of it spent.
    const pence = 808_000_000 + between(-40_000, 40_000) * 100;
    send(
      CONTRACT,
      'OutturnReturn',
      month,
      'RQX',
      `${FOLDER}/partnership-outturn-${month}.json`,
      returnJson([{ measure: 'PartnershipExpenditure', period: month, pence }]),
    );
    send(
      CONTRACT,
      'QualityScoreReturn',
      month,
      'RQX',
      `${FOLDER}/quality-score-${month}.json`,
      returnJson([
        {
          measure: 'QualityScore',
          period: '2026/27',
          numerator: 29 + Math.floor(index * 0.8),
          denominator: 40,
        },
      ]),
    );
  }
}
