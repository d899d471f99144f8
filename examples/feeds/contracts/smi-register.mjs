// Monthly snapshots of an SMI register (nhs.measures.smi.SmiRegister), shared by the Oxford year of
// care, the south London alliance and the West London secure units. Each person has an annual
// health check review in 2025/26 and again in 2026/27; at each review all six checks are done with
// probability `complete` (rising by `improving` a month in 2026/27), otherwise one or two are
// missed. People are pseudonyms; practices are invented ODS-style codes.
import { csvOf, dayOf, isoOf, lastDay, MONTHS, randomSource } from './demo-data.mjs';

const CHECKS = ['bmi', 'bp', 'lipids', 'glucose', 'alcohol', 'smoking'];
const ETHNICITY = [...'AAAAAAAAAAAAAABBCDEFGHHJJKLMNPRSSZ'];
const COLUMNS = [
  'person',
  'practice',
  'registered_on',
  'left_on',
  'ethnicity',
  'cmht_caseload',
  'on_antipsychotics',
  ...CHECKS.map((check) => `${check}_checked`),
  'check_declined',
  'smoker',
  'cessation_offered',
  'weight_change_kg',
  'weight_intervention_offered',
];

/**
 * The register's people: `size` on it before April 2026 and `joiners` a month after, with
 * `complete` the chance a review does all six checks and `offered` the chance a smoker is offered
 * cessation support at a review.
 */
export function smiRegister({ seed, prefix, practices, size, joiners, complete, improving = 0, offered }) {
  const { between, chance, pick } = randomSource(seed);
  const person = (index, registeredOn) => {
    const firstReview = dayOf('2025-04-01') + between(0, 364);
    const reviews = [firstReview, firstReview + between(330, 400)].map((day) => {
      const monthsIn = Math.max(0, (day - dayOf('2026-04-01')) / 30.4);
      const all = chance(day < dayOf('2026-04-01') ? complete : complete + improving * monthsIn);
      const missed = all ? [] : [pick(CHECKS), ...(chance(0.4) ? [pick(CHECKS)] : [])];
      return { day, done: CHECKS.filter((c) => !missed.includes(c)), declined: !all && chance(0.08) };
    });
    const smoker = chance(0.4);
    return {
      key: `${prefix}-${String(index).padStart(5, '0')}`,
      practice: pick(practices),
      registeredOn,
      leftOn: chance(0.05) ? dayOf('2026-04-01') + between(0, 200) : undefined,
      ethnicity: chance(0.93) ? pick(ETHNICITY) : '',
      cmht: chance(0.5),
      antipsychotics: chance(0.7),
      smoker,
      reviews,
      cessation: smoker ? reviews.filter(() => chance(offered)).map((r) => r.day + between(0, 14)) : [],
    };
  };
  const people = [];
  for (let i = 0; i < size; i++) people.push(person(i + 1, dayOf('2010-01-01') + between(0, 5800)));
  for (const month of MONTHS)
    for (let i = 0; i < joiners; i++)
      people.push(person(people.length + 1, dayOf(`${month}-01`) + between(0, 27)));
  return people;
}

/** The register as it stood at the end of `month`, as CSV. */
export function registerSnapshot(people, month) {
  const end = lastDay(month);
  const latest = (days) => (days.length > 0 ? isoOf(Math.max(...days)) : '');
  const rows = people
    .filter((p) => p.registeredOn <= end && (p.leftOn === undefined || p.leftOn >= end - 31))
    .map((p) => {
      const reviews = p.reviews.filter((r) => r.day <= end);
      return [
        p.key,
        p.practice,
        isoOf(p.registeredOn),
        p.leftOn !== undefined && p.leftOn <= end ? isoOf(p.leftOn) : '',
        p.ethnicity,
        p.cmht ? 'yes' : 'no',
        p.antipsychotics ? 'yes' : 'no',
        ...CHECKS.map((check) => latest(reviews.filter((r) => r.done.includes(check)).map((r) => r.day))),
        latest(reviews.filter((r) => r.declined).map((r) => r.day)),
        p.smoker ? 'yes' : 'no',
        latest(p.cessation.filter((day) => day <= end)),
        '',
        '',
      ];
    });
  return csvOf(COLUMNS, rows);
}
