// South London diabetes and mental health alliance (demo.sel_alliance.DiabetesMentalHealthAlliance):
//   joint-team-referrals-rjz-YYYY-MM.csv   King's (RJZ): referrals to its joint diabetes and mental
//                                          health team, with HbA1c at referral and six months on
//   joint-team-referrals-rj1-YYYY-MM.csv   Guy's and St Thomas' (RJ1): its joint team's referrals
//   joint-team-referrals-rv5-YYYY-MM.csv   South London and Maudsley (RV5): the people its
//                                          psychologists saw in the joint teams, with PHQ-9 scores
//   smi-register-YYYY-MM.csv               RV5: the SMI register of its diabetes caseload
//   alliance-outturn-YYYY-MM.json          RJZ, as budget holder: the month's spend in pence
// Referrals are as known at the end of October: six-month results only for April and early May.
// The story: HbA1c and depression improve for over half (targets met); Guy's and St Thomas' first
// contacts within 4 weeks about 70%, short of 80%; six checks about 65%, over the 60% target; so
// three of the four quality gate measures are met, and spend about 1.3% under budget is shared.
import { csvOf, DATA_END, daysIn, firstDay, isoOf, MONTHS, randomSource, returnJson } from './demo-data.mjs';
import { registerSnapshot, smiRegister } from './smi-register.mjs';

const CONTRACT = 'demo.sel_alliance.DiabetesMentalHealthAlliance';
const FOLDER = 'south-london-diabetes-alliance';
const COLUMNS = [
  'person',
  'referred_on',
  'first_contact_on',
  'hba1c_at_referral',
  'hba1c_at_six_months',
  'phq9_at_referral',
  'phq9_at_six_months',
];
const TEAMS = [
  // ODS, key prefix, referrals a month, first contact within 4 weeks, PHQ-9 recorded
  ['RJZ', 'KCH-3DD', 22, 0.85, false],
  ['RJ1', 'GSTT-3DD', 20, 0.74, false],
  ['RV5', 'SLAM-3DD', 32, 0.84, true],
];

export function writeAllianceFeeds(send) {
  const { between, chance } = randomSource(20260512);
  for (const month of MONTHS) {
    for (const [ods, prefix, perMonth, firstContact, phq9] of TEAMS) {
      const rows = [];
      for (let i = 0; i < perMonth + between(-3, 3); i++) {
        const referred = firstDay(month) + between(0, daysIn(month) - 1);
        const contact = referred + (chance(firstContact) ? between(3, 28) : between(29, 60));
        const sixMonths = referred + 182 <= DATA_END && chance(0.85);
        const hba1c = between(64, 110);
        // The psychologists see people with at least moderate depression (PHQ-9 of 10 or more).
        const phq = between(10, 24);
        rows.push([
          `${prefix}-${month.replace('-', '')}-${String(i + 1).padStart(3, '0')}`,
          isoOf(referred),
          contact <= DATA_END ? isoOf(contact) : '',
          hba1c,
          sixMonths ? hba1c - (chance(0.58) ? between(5, 20) : between(-4, 4)) : '',
          phq9 ? phq : '',
          phq9 && sixMonths ? Math.max(0, phq - (chance(0.68) ? between(5, 10) : between(-2, 4))) : '',
        ]);
      }
      send(
        CONTRACT,
        'DiabetesTeamReferrals',
        month,
        ods,
        `${FOLDER}/joint-team-referrals-${ods.toLowerCase()}-${month}.csv`,
        csvOf(COLUMNS, rows),
      );
    }
  }
  const people = smiRegister({
    seed: 20260513,
    prefix: 'SLAM-SMI',
    practices: ['G85001', 'G85013', 'G85026', 'G85038', 'G85052'],
    size: 140,
    joiners: 2,
    complete: 0.65,
    offered: 0.8,
  });
  for (const month of MONTHS) {
    send(
      CONTRACT,
      'SmiRegister',
      month,
      'RV5',
      `${FOLDER}/smi-register-${month}.csv`,
      registerSnapshot(people, month),
    );
    // £24,000,000 / 12 = £2,000,000 a month; about 98.7% of it spent.
    send(
      CONTRACT,
      'OutturnReturn',
      month,
      'RJZ',
      `${FOLDER}/alliance-outturn-${month}.json`,
      returnJson([
        { measure: 'AllianceOutturn', period: month, pence: 197_400_000 + between(-15_000, 15_000) * 100 },
      ]),
    );
  }
}
