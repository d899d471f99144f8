// Hull primary care MUS feasibility study (demo.hull_pilot.MusFeasibilityPilot), sent by Humber
// Teaching (RV9):
//   practice-training-2026-06.json, -2026-09.json   practices that completed the training package,
//                                                   year to date (the register is returned quarterly)
//   mus-patients-YYYY-MM.csv                        patients taken on in the month, as known at the
//                                                   end of October: only April's have reached the
//                                                   six-month follow-up
// The story: training rolls out quarter by quarter (14 of 30 practices by June, 25 by September,
// past the 80% outcome); symptoms improve for over 40% of April's patients, but fewer than 60%
// have fewer GP attendances, so one outcome is short of its target at this point.
import { csvOf, DATA_END, daysIn, firstDay, isoOf, MONTHS, randomSource, returnJson } from './demo-data.mjs';

const CONTRACT = 'demo.hull_pilot.MusFeasibilityPilot';
const FOLDER = 'hull-mus-pilot';
const PRACTICES = ['B81001', 'B81008', 'B81011', 'B81017', 'B81026', 'B81035', 'B81042', 'B81048'];

export function writeMusPilotFeeds(send) {
  const { between, chance, pick } = randomSource(20260507);
  for (const [month, trained] of [
    ['2026-06', 14],
    ['2026-09', 25],
  ])
    send(
      CONTRACT,
      'PracticeTrainingReturn',
      month,
      'RV9',
      `${FOLDER}/practice-training-${month}.json`,
      returnJson([{ measure: 'PracticesTrained', period: '2026/27', numerator: trained, denominator: 30 }]),
    );
  for (const month of MONTHS) {
    const rows = [];
    const intake = month === '2026-04' ? 32 : between(14, 22);
    for (let i = 0; i < intake; i++) {
      const referred = firstDay(month) + between(0, daysIn(month) - 1);
      const followedUp = referred + 182 <= DATA_END && chance(0.88);
      const start = between(8, 24);
      const before = between(4, 14);
      rows.push([
        `HTFT-MUS-${month.replace('-', '')}-${String(i + 1).padStart(3, '0')}`,
        isoOf(referred),
        pick(PRACTICES),
        start,
        followedUp ? Math.max(0, start - (chance(0.45) ? between(5, 11) : between(-2, 4))) : '',
        before,
        followedUp ? Math.max(0, chance(0.55) ? before - between(1, 5) : before + between(0, 3)) : '',
      ]);
    }
    send(
      CONTRACT,
      'MusPatients',
      month,
      'RV9',
      `${FOLDER}/mus-patients-${month}.csv`,
      csvOf(
        [
          'person',
          'referred_on',
          'practice',
          'phq15_at_start',
          'phq15_at_follow_up',
          'gp_attendances_before',
          'gp_attendances_after',
        ],
        rows,
      ),
    );
  }
}
