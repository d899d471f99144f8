// Psychological medicine for Cancer and Haematology (demo.oxford_internal.CancerPsychMedSla), an
// internal agreement of Oxford University Hospitals (RTH), which sends:
//   consultations-YYYY-MM.json    inpatient consultations beyond the embedded sessions (count)
//   staff-training-YYYY-MM.json   cancer services staff trained in mental health, year to date
//   ward-referrals-YYYY-MM.csv    referrals from the cancer wards to the liaison team, one row each
// The story: extra consultations run at about the plan of 33 a month; staff training climbs month
// by month from 71% but is still short of the 90% target in October; urgent ward referrals are
// seen within 24 hours more than nine times in ten.
import { MONTHS, randomSource, returnJson } from './demo-data.mjs';
import { liaisonCsv, liaisonReferral } from './liaison-referrals.mjs';

const CONTRACT = 'demo.oxford_internal.CancerPsychMedSla';
const STAFF = 640;

export function writeOxfordInternalFeeds(send) {
  const source = randomSource(20260504);
  const { between, chance } = source;
  let trained = Math.round(STAFF * 0.71);
  for (const month of MONTHS) {
    const folder = 'oxford-internal-sla';
    send(
      CONTRACT,
      'PsychMedActivityLog',
      month,
      'RTH',
      `${folder}/consultations-${month}.json`,
      returnJson([{ measure: 'AdditionalConsultations', period: month, value: between(27, 39) }]),
    );
    // The learning management system reports the year to date: trained staff of the establishment.
    send(
      CONTRACT,
      'CancerStaffTrainingReturn',
      month,
      'RTH',
      `${folder}/staff-training-${month}.json`,
      returnJson([
        { measure: 'CancerStaffTrained', period: '2026/27', numerator: trained, denominator: STAFF },
      ]),
    );
    trained += between(9, 15);
    const referrals = [];
    for (let i = 0; i < between(12, 17); i++)
      referrals.push(
        liaisonReferral(source, month, `OUH-PM-${month.replace('-', '')}-${String(i + 1).padStart(3, '0')}`, {
          setting: 'ward',
          urgency: chance(0.65) ? 'urgent' : 'routine',
          selfHarm: false,
          seenWithin: (urgency) =>
            urgency === 'urgent'
              ? chance(0.93)
                ? between(60, 23 * 60)
                : between(25 * 60, 50 * 60)
              : between(24 * 60, 5 * 24 * 60),
          assessed: 1,
        }),
      );
    send(
      CONTRACT,
      'LiaisonReferrals',
      month,
      'RTH',
      `${folder}/ward-referrals-${month}.csv`,
      liaisonCsv(referrals),
    );
  }
}
