// Devon and Torbay perinatal mental health service (demo.devon.PerinatalMentalHealth):
//   maternity-bookings-rh8-YYYY-MM.csv   pregnancies booked at Royal Devon (RH8), with the mental
//                                        health enquiry at booking and any perinatal referral
//   maternity-bookings-ra9-YYYY-MM.csv   the same from Torbay and South Devon (RA9)
//   perinatal-referrals-YYYY-MM.csv      pregnancies booked in the month that Devon Partnership
//                                        (RWV) took a referral for, with its first assessment
//   midwife-training-YYYY-MM.json        RWV: midwives trained of the establishment, year to date
//   perinatal-admissions-YYYY-MM.json    RWV: admissions in the perinatal period in the 12 months
//                                        to the month, over births in those 12 months
// Each booking file holds the month's bookings as known at the end of October 2026.
// The story: Royal Devon asks nearly every woman about her mental health (about 97%); Torbay
// starts at 85% and improves month by month towards the 95% target after midwife refresher
// sessions; about seven in ten referrals are assessed within 28 days (part of the CQUIN earned),
// most at home or in the antenatal clinic; training reaches 80% of midwives by October; admissions
// run a little over the target of 2 per 1,000 births.
import { csvOf, DATA_END, daysIn, firstDay, isoOf, MONTHS, randomSource, returnJson } from './demo-data.mjs';

const CONTRACT = 'demo.devon.PerinatalMentalHealth';
const FOLDER = 'devon-perinatal';
const ETHNICITY = [...'AAAAAAAAAAAAAAAAAAAAABCDEFGHJKLMNPRSZ'];
const COLUMNS = [
  'person',
  'booked_on',
  'ethnicity',
  'asked_at_booking',
  'referred_on',
  'assessed_on',
  'seen_at',
];
const MIDWIVES = 410;

export function writeDevonFeeds(send) {
  const { between, chance, pick } = randomSource(20260506);
  let trained = 262;
  for (const [index, month] of MONTHS.entries()) {
    const referrals = [];
    for (const [ods, code, bookings, asked] of [
      ['RH8', 'RDUH', between(150, 175), 0.97],
      ['RA9', 'TSDFT', between(85, 100), 0.85 + index * 0.018],
    ]) {
      const rows = [];
      for (let i = 0; i < bookings; i++) {
        const booked = firstDay(month) + between(0, daysIn(month) - 1);
        const askedAtBooking = chance(asked);
        const referred = chance(askedAtBooking ? 0.06 : 0.02) ? booked + between(0, 20) : undefined;
        const person = `${code}-MAT-${month.replace('-', '')}-${String(i + 1).padStart(4, '0')}`;
        rows.push([person, isoOf(booked), chance(0.94) ? pick(ETHNICITY) : '', askedAtBooking, '', '', '']);
        if (referred !== undefined && referred <= DATA_END) {
          const wait = chance(0.72) ? between(5, 28) : between(29, 55);
          const assessed = referred + wait <= DATA_END ? referred + wait : undefined;
          const seenAt = chance(0.84)
            ? pick(['home', 'home', 'antenatal clinic'])
            : pick(['mental health unit', 'other']);
          referrals.push([
            person,
            isoOf(booked),
            rows.at(-1)[2],
            '',
            isoOf(referred),
            assessed === undefined ? '' : isoOf(assessed),
            assessed === undefined ? '' : seenAt,
          ]);
          rows.at(-1)[4] = isoOf(referred);
        }
      }
      send(
        CONTRACT,
        'PerinatalPathway',
        month,
        ods,
        `${FOLDER}/maternity-bookings-${ods.toLowerCase()}-${month}.csv`,
        csvOf(COLUMNS, rows),
      );
    }
    send(
      CONTRACT,
      'PerinatalPathway',
      month,
      'RWV',
      `${FOLDER}/perinatal-referrals-${month}.csv`,
      csvOf(COLUMNS, referrals),
    );
    send(
      CONTRACT,
      'PerinatalWorkforceReturn',
      month,
      'RWV',
      `${FOLDER}/midwife-training-${month}.json`,
      returnJson([
        { measure: 'MidwivesTrained', period: '2026/27', numerator: trained, denominator: MIDWIVES },
      ]),
    );
    trained += between(7, 11);
    send(
      CONTRACT,
      'PerinatalAdmissionsReturn',
      month,
      'RWV',
      `${FOLDER}/perinatal-admissions-${month}.json`,
      returnJson([
        {
          measure: 'PerinatalAdmissionsPer1000',
          period: '2026/27',
          numerator: between(16, 19),
          denominator: between(7_650, 7_800),
        },
      ]),
    );
  }
}
