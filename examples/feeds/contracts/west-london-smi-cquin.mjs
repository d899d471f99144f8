// West London's national SMI physical health CQUIN in parts (demo.westlondon_cquin.SmiPhysicalHealthCquin),
// sent by West London NHS Trust (RKL):
//   cquin-audit-YYYY-MM.csv   the month's audit sample: 4a (cardio-metabolic assessment and
//                             treatment) and 4b (care plan shared with the GP), numerator of denominator
// The story: 4a climbs from 85% in Q1 to the top of its scale by October; 4b, the GP letters,
// improves more slowly.
import { MONTHS, returnCsv } from './demo-data.mjs';

const CONTRACT = 'demo.westlondon_cquin.SmiPhysicalHealthCquin';

/** The month's audit: [4a met, 4a sampled, 4b met, 4b sampled]. */
const AUDIT = {
  '2026-04': [20, 25, 10, 15],
  '2026-05': [25, 30, 12, 20],
  '2026-06': [23, 25, 13, 15],
  '2026-07': [24, 28, 15, 18],
  '2026-08': [22, 26, 14, 16],
  '2026-09': [26, 28, 17, 20],
  '2026-10': [25, 27, 19, 22],
};

export function writeWestLondonCquinFeeds(send) {
  for (const month of MONTHS) {
    const [assessed, sampled, shared, letters] = AUDIT[month];
    send(
      CONTRACT,
      'SmiCquinAuditReturn',
      month,
      'RKL',
      `west-london-smi-cquin/cquin-audit-${month}.csv`,
      returnCsv([
        { measure: 'CardioMetabolicAssessment', period: month, numerator: assessed, denominator: sampled },
        { measure: 'CarePlanSharedWithGp', period: month, numerator: shared, denominator: letters },
      ]),
    );
  }
}
