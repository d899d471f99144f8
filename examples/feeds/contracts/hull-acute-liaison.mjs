// Hull acute hospitals' liaison mental health schedule (demo.hull.AcuteLiaisonMentalHealth):
//   ed-referrals-YYYY-MM.csv        ED referrals to the liaison team, matched to the emergency
//                                   department system, from Hull University Teaching Hospitals (RWA)
//   liaison-rota-YYYY-MM.json       hours the liaison team was present in the ED, from RWA
//   liaison-referrals-YYYY-MM.csv   the liaison team's full referral log (ED and wards), from
//                                   Humber Teaching (RV9), which employs the team
//   core24-staffing-2026-04.json    Humber's Core 24 staffing attestation for the year
// The story: emergency ED referrals seen within the hour improve month by month from 74% (the
// liaison team's new night rota); ED presence about 90% of the week; urgent ward referrals seen
// within 24 hours only about 56% of the time, under the 60% floor, so that indicator earns nothing;
// self-harm presentations assessed about 87% of the time, over the 80% bar.
import { daysIn, MONTHS, randomSource, returnJson } from './demo-data.mjs';
import { liaisonCsv, liaisonReferral } from './liaison-referrals.mjs';

const CONTRACT = 'demo.hull.AcuteLiaisonMentalHealth';
const FOLDER = 'hull-acute-liaison';

export function writeHullLiaisonFeeds(send) {
  const source = randomSource(20260505);
  const { between, chance, random } = source;
  for (const [index, month] of MONTHS.entries()) {
    let n = 0;
    const key = () => `HTFT-LIA-${month.replace('-', '')}-${String(++n).padStart(4, '0')}`;
    const withinHour = 0.74 + index * 0.03;
    const ed = [];
    for (let i = 0; i < between(50, 62); i++) {
      ed.push(
        liaisonReferral(source, month, key(), {
          setting: 'ED',
          urgency: chance(0.7) ? 'emergency' : 'urgent',
          selfHarm: chance(0.35),
          seenWithin: (urgency) =>
            urgency === 'emergency'
              ? chance(withinHour)
                ? between(10, 59)
                : between(61, 240)
              : between(60, 20 * 60),
          assessed: 0.87,
        }),
      );
    }
    const ward = [];
    for (let i = 0; i < between(22, 28); i++) {
      ward.push(
        liaisonReferral(source, month, key(), {
          setting: 'ward',
          urgency: chance(0.55) ? 'urgent' : 'routine',
          selfHarm: false,
          seenWithin: (urgency) =>
            urgency === 'urgent'
              ? chance(0.56)
                ? between(2 * 60, 23 * 60)
                : between(25 * 60, 72 * 60)
              : between(24 * 60, 6 * 24 * 60),
          assessed: 1,
        }),
      );
    }
    send(CONTRACT, 'LiaisonReferrals', month, 'RWA', `${FOLDER}/ed-referrals-${month}.csv`, liaisonCsv(ed));
    send(
      CONTRACT,
      'LiaisonReferrals',
      month,
      'RV9',
      `${FOLDER}/liaison-referrals-${month}.csv`,
      liaisonCsv([...ed, ...ward]),
    );
    const hours = daysIn(month) * 24;
    send(
      CONTRACT,
      'LiaisonRotaReturn',
      month,
      'RWA',
      `${FOLDER}/liaison-rota-${month}.json`,
      returnJson([
        {
          measure: 'LiaisonCoverage',
          period: month,
          numerator: Math.round(hours * (0.87 + random() * 0.06)),
          denominator: hours,
        },
      ]),
    );
  }
  send(
    CONTRACT,
    'LiaisonStaffingReturn',
    '2026-04',
    'RV9',
    `${FOLDER}/core24-staffing-2026-04.json`,
    // An attestation the measure requires evidence for: the establishment report's reference.
    returnJson([
      {
        measure: 'Core24StaffingAttested',
        period: '2026/27',
        value: 1,
        evidence: 'Workforce establishment report HTFT-WF-2026-04',
      },
    ]),
  );
}
