// Secure units primary care (demo.westlondon.SecureUnitsPrimaryCare), sent by West London NHS
// Trust (RKL):
//   secure-qof-2026-06.json, -2026-09.json   the units' QOF-equivalent counts, year to date
//                                            (reported each quarter)
//   community-qof-2026-06.json               the comparator: QOF achievement published for the
//                                            practices of the local sub-ICB location
//   smi-register-YYYY-MM.csv                 the units' SMI register at each month end
//   board-champion-2026-04.json              the board's attestation of a physical health champion
// The story: diabetes control 63% in the units against 67% in the community (below both the 70%
// target and parity); blood pressure control 78%, better than the community's 71%; the six-check
// health check complete for about 90% of patients and rising month by month.
import { MONTHS, returnJson } from './demo-data.mjs';
import { registerSnapshot, smiRegister } from './smi-register.mjs';

const CONTRACT = 'demo.westlondon.SecureUnitsPrimaryCare';
const FOLDER = 'west-london-secure-block';

export function writeSecureUnitFeeds(send) {
  for (const [month, diabetes, hypertension] of [
    ['2026-06', [24, 39], [55, 72]],
    ['2026-09', [26, 41], [58, 74]],
  ]) {
    const counts = (measure, [numerator, denominator]) => ({
      measure,
      period: '2026/27',
      numerator,
      denominator,
    });
    send(
      CONTRACT,
      'SecureUnitQofReturn',
      month,
      'RKL',
      `${FOLDER}/secure-qof-${month}.json`,
      returnJson([
        counts('SecureDiabetesControl', diabetes),
        counts('SecureBloodPressureControl', hypertension),
        counts('DiabetesControlParity', diabetes),
        counts('BloodPressureControlParity', hypertension),
      ]),
    );
  }
  send(
    CONTRACT,
    'CommunityQofReturn',
    '2026-06',
    'RKL',
    `${FOLDER}/community-qof-2026-06.json`,
    returnJson([
      { measure: 'CommunityDiabetesControl', period: '2026/27', numerator: 14_210, denominator: 21_300 },
      { measure: 'CommunityBloodPressureControl', period: '2026/27', numerator: 40_150, denominator: 56_900 },
    ]),
  );
  send(
    CONTRACT,
    'PhysicalHealthAttestationReturn',
    '2026-04',
    'RKL',
    `${FOLDER}/board-champion-2026-04.json`,
    returnJson([{ measure: 'PhysicalHealthBoardChampion', period: '2026/27', value: 1 }]),
  );
  const people = smiRegister({
    seed: 20260514,
    prefix: 'WLT-SEC',
    practices: ['Y02906'],
    size: 170,
    joiners: 2,
    complete: 0.86,
    improving: 0.01,
    offered: 0.9,
  });
  for (const month of MONTHS)
    send(
      CONTRACT,
      'SmiRegister',
      month,
      'RKL',
      `${FOLDER}/smi-register-${month}.csv`,
      registerSnapshot(people, month),
    );
}
