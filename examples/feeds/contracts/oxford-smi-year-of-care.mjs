// Oxfordshire SMI year of care (demo.oxford_smi.SmiYearOfCare), sent by Oxford Health (RNU):
//   smi-register-YYYY-MM.csv       the SMI register of the service's practices at each month end,
//                                  which sets the year of care cohort
//   smi-admissions-YYYY-MM.json    emergency admissions of people on the register in the 12 months
//                                  to the month, over the people on the register (from SUS+)
// The story: about 560 people in the cohort, a few joining each month; the six-check health check
// complete for about 70% (short of the 75% target); smokers offered cessation support about 92% of
// the time (on track); emergency admissions a little over the target of 150 per 1,000.
import { MONTHS, randomSource, returnJson } from './demo-data.mjs';
import { registerSnapshot, smiRegister } from './smi-register.mjs';

const CONTRACT = 'demo.oxford_smi.SmiYearOfCare';
const FOLDER = 'oxford-smi-year-of-care';

export function writeOxfordSmiFeeds(send) {
  const { between } = randomSource(20260508);
  const people = smiRegister({
    seed: 20260509,
    prefix: 'OHFT-SMI',
    practices: ['K84001', 'K84003', 'K84010', 'K84024', 'K84031', 'K84049'],
    size: 545,
    joiners: 4,
    complete: 0.7,
    offered: 0.8,
  });
  for (const month of MONTHS) {
    const snapshot = registerSnapshot(people, month);
    send(CONTRACT, 'SmiRegister', month, 'RNU', `${FOLDER}/smi-register-${month}.csv`, snapshot);
    const onRegister = snapshot.trim().split('\n').length - 1;
    send(
      CONTRACT,
      'SmiAdmissionsReturn',
      month,
      'RNU',
      `${FOLDER}/smi-admissions-${month}.json`,
      returnJson([
        {
          measure: 'EmergencyAdmissionsPer1000',
          period: '2026/27',
          numerator: Math.round(onRegister * 0.158) + between(-2, 2),
          denominator: onRegister,
        },
      ]),
    );
  }
}
