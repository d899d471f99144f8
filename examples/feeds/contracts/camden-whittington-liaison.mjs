// Highgate unit physical health liaison (demo.camden.HighgatePhysicalHealthLiaison), sent by
// Whittington Health (RKE):
//   clinic-return-YYYY-MM.json      weekly physical health clinics held on site (ClinicsHeld)
//   advice-line-calls-YYYY-MM.csv   calls to the physicians' advice line, one row per call
// The story: four or five clinics most months (three in August, with consultant leave); calls
// answered by a consultant within 30 minutes climb month by month from under 80% towards the 90%
// target as the advice line rota settles; about one call in fourteen still ends in an ambulance.
import { csvOf, daysIn, firstDay, MONTHS, randomSource, returnJson, timeOf } from './demo-data.mjs';

const CONTRACT = 'demo.camden.HighgatePhysicalHealthLiaison';
const CLINICS = {
  '2026-04': 4,
  '2026-05': 4,
  '2026-06': 4,
  '2026-07': 5,
  '2026-08': 3,
  '2026-09': 4,
  '2026-10': 5,
};
const RESULTS = [
  ...Array(11).fill('advice only'),
  ...Array(4).fill('outpatient referral'),
  ...Array(4).fill('ward review'),
  'ambulance',
  'ambulance',
];

export function writeCamdenFeeds(send) {
  const { between, chance, pick } = randomSource(20260501);
  for (const [index, month] of MONTHS.entries()) {
    send(
      CONTRACT,
      'LiaisonClinicReturn',
      month,
      'RKE',
      `camden-whittington-liaison/clinic-return-${month}.json`,
      returnJson([{ measure: 'ClinicsHeld', period: month, value: CLINICS[month] }]),
    );
    const calls = [];
    const answeredInTime = 0.77 + index * 0.03;
    for (let i = 0; i < between(18, 26); i++) {
      const day = firstDay(month) + between(0, daysIn(month) - 1);
      const calledAt = between(7 * 60, 22 * 60);
      const answered = chance(0.97);
      const wait = chance(answeredInTime) ? between(2, 29) : between(31, 140);
      calls.push([
        `WH-ADV-${month.replace('-', '')}-${String(i + 1).padStart(3, '0')}`,
        timeOf(day, calledAt),
        answered ? timeOf(day, calledAt + wait) : '',
        answered ? pick(RESULTS) : 'ambulance',
      ]);
    }
    calls.sort((a, b) => a[1].localeCompare(b[1]));
    send(
      CONTRACT,
      'AdviceLineCalls',
      month,
      'RKE',
      `camden-whittington-liaison/advice-line-calls-${month}.csv`,
      csvOf(['call_ref', 'called_at', 'answered_at', 'result'], calls),
    );
  }
}
