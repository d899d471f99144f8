// Oldham persistent pain pathway (demo.pennine.PainPathwayPrime) and its mental health sub-contract
// (demo.pennine_care.PennineCareSubContract), fed by the prime, Pennine MSK (NPK), from the pathway
// hub's clinical system:
//   pain-episodes-YYYY-MM.csv     episodes referred in the month, as known at the end of October
//   outcome-records-YYYY-MM.csv   PHQ-9, GAD-7 and CORE-10 questionnaires recorded in the month in
//                                 the pathway's psychological care (delivered by Pennine Care)
// The sub-contract's flow-down is worked out from the prime's indicators, so the same files are
// submitted to both contracts.
// The story: about 80% assessed within 6 weeks (part of the withhold earned); quality of life up by
// about 9 points on the EQ-5D scale for those discharged; about a third of people referred on strong
// opioids stop them (over the 30% bar); paired outcome scores for about two people in three.
import { csvOf, DATA_END, daysIn, firstDay, isoOf, MONTHS, randomSource } from './demo-data.mjs';

const PRIME = 'demo.pennine.PainPathwayPrime';
const SUB = 'demo.pennine_care.PennineCareSubContract';
const FOLDER = 'pennine-msk-prime';
const INSTRUMENTS = ['PHQ-9', 'PHQ-9', 'GAD-7', 'CORE-10'];

export function writePennineFeeds(send) {
  const { between, chance, pick } = randomSource(20260510);
  const episodes = Object.fromEntries(MONTHS.map((m) => [m, []]));
  const records = Object.fromEntries(MONTHS.map((m) => [m, []]));
  for (const month of MONTHS) {
    for (let i = 0; i < between(42, 54); i++) {
      const person = `PMSK-PAIN-${month.replace('-', '')}-${String(i + 1).padStart(3, '0')}`;
      const referred = firstDay(month) + between(0, daysIn(month) - 1);
      const assessed = referred + (chance(0.8) ? between(10, 42) : between(43, 80));
      const seen = assessed <= DATA_END;
      const discharged = seen && chance(0.85) ? assessed + between(45, 150) : undefined;
      const done = discharged !== undefined && discharged <= DATA_END;
      const vas = between(25, 60);
      const opioid = chance(0.3);
      episodes[month].push([
        person,
        isoOf(referred),
        seen ? isoOf(assessed) : '',
        done ? isoOf(discharged) : '',
        seen ? pick(['1', '2', '2', '3']) : '1',
        seen ? vas : '',
        done && chance(0.9) ? Math.min(100, vas + between(-6, 24)) : '',
        opioid,
        done && opioid ? !chance(0.36) : '',
      ]);
      // A third of people on the pathway have psychological care, questionnaires at some sessions.
      if (!seen || !chance(0.35)) continue;
      let day = assessed + between(7, 21);
      for (let contact = 1; contact <= between(3, 10) && day <= DATA_END; contact++) {
        if (contact === 1 || chance(0.38)) {
          const recorded = Object.keys(records).find(
            (m) => firstDay(m) <= day && day < firstDay(m) + daysIn(m),
          );
          records[recorded].push([person, isoOf(day), pick(INSTRUMENTS), between(4, 22), contact]);
        }
        day += between(7, 18);
      }
    }
  }
  for (const month of MONTHS) {
    const episodeCsv = csvOf(
      [
        'person',
        'referred_on',
        'first_assessed_on',
        'discharged_on',
        'tier',
        'eq_vas_at_referral',
        'eq_vas_at_discharge',
        'strong_opioid_at_referral',
        'strong_opioid_at_discharge',
      ],
      episodes[month],
    );
    const outcomeCsv = csvOf(
      ['person', 'recorded_on', 'instrument', 'score', 'contacts'],
      records[month].sort((a, b) => a[1].localeCompare(b[1])),
    );
    for (const contract of [PRIME, SUB]) {
      send(contract, 'PainEpisodes', month, 'NPK', `${FOLDER}/pain-episodes-${month}.csv`, episodeCsv);
      send(contract, 'OutcomeRecords', month, 'NPK', `${FOLDER}/outcome-records-${month}.csv`, outcomeCsv);
    }
  }
}
