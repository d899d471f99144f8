// LIFT Psychology talking therapies block contract (demo.swindon.LiftBlockContract), sent by LIFT
// Psychology (NLP):
//   talking-therapies-YYYY-MM.csv   the monthly NHS Talking Therapies return (aggregate CSV)
// The story: waiting times on track (about 87% start within 6 weeks, 98% within 18); recovery
// climbing month by month from 45% to the 50% standard; recovery for people with long-term
// conditions stuck near 42%, below target; few people referred on to secondary care.
import { MONTHS, randomSource, returnCsv } from './demo-data.mjs';

const CONTRACT = 'demo.swindon.LiftBlockContract';

export function writeLiftFeeds(send) {
  const { between, countOf } = randomSource(20260502);
  for (const [index, month] of MONTHS.entries()) {
    const finished = between(175, 215);
    const aboveCaseness = Math.round(finished * 0.88);
    const longTermCondition = between(38, 52);
    const row = (measure, numerator, denominator) => ({ measure, period: month, numerator, denominator });
    send(
      CONTRACT,
      'TalkingTherapiesReturn',
      month,
      'NLP',
      `lift-swindon-block/talking-therapies-${month}.csv`,
      returnCsv([
        row('FirstTreatmentWithinSixWeeks', countOf(finished, 0.87), finished),
        row('FirstTreatmentWithinEighteenWeeks', countOf(finished, 0.983), finished),
        row('RecoveryRate', countOf(aboveCaseness, 0.45 + index * 0.014), aboveCaseness),
        row('LongTermConditionRecoveryRate', countOf(longTermCondition, 0.42), longTermCondition),
        row('SecondaryCareReferrals', countOf(finished, 0.05), finished),
      ]),
    );
  }
}
