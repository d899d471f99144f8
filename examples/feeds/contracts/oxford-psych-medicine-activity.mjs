// Oxford psychological medicine outpatient activity (demo.oxford.PsychMedOutpatients), sent by
// Oxford University Hospitals (RTH):
//   outpatients-YYYY-MM.csv   first and follow-up attendances from SUS+ (aggregate CSV)
// The story: first attendances close to the plan of 50 a month, follow-ups a little over the plan
// of 150 a month, with the usual August dip.
import { MONTHS, randomSource, returnCsv } from './demo-data.mjs';

const CONTRACT = 'demo.oxford.PsychMedOutpatients';

export function writeOxfordOutpatientFeeds(send) {
  const { between } = randomSource(20260503);
  for (const month of MONTHS) {
    const august = month === '2026-08' ? 0.8 : 1;
    send(
      CONTRACT,
      'PsychMedOutpatientReturn',
      month,
      'RTH',
      `oxford-psych-medicine-activity/outpatients-${month}.csv`,
      returnCsv([
        { measure: 'FirstAttendances', period: month, value: Math.round(between(46, 56) * august) },
        { measure: 'FollowUpAttendances', period: month, value: Math.round(between(148, 166) * august) },
      ]),
    );
  }
}
