// Golden statement for demo.hull.AcuteLiaisonMentalHealth (contracts/demo/hull-acute-liaison.parity).
//
// The contract: multi-commissioner and cquin, 2026/27; commissioners Hull 70% and East Riding 30%;
// providers Hull University Teaching Hospitals (ODS RWA) and Humber Teaching (RV9); value
// £4,800,000 in monthly instalments. The value is the service's as a whole (the contract divides
// it between commissioners, not providers), so each instalment is one line for provider "*".
// Scheme LiaisonStandards worth 2.5% of value = £120,000, assessed quarterly, so each quarter can
// earn a quarter of each indicator's share:
//   EmergencyResponse  40% £12,000 a quarter, RWA, liaison.EmergencyResponseWithinOneHour, linear 70%→95%
//   EdCoverage         30%  £9,000 a quarter, RWA, liaison.LiaisonCoverage, linear 75%→100%
//   WardResponse       20%  £6,000 a quarter, RV9, liaison.UrgentWardWithin24Hours, linear 60%→90%
//   SelfHarmAssessment 10%  £3,000 a quarter, RV9, liaison.SelfHarmPsychosocialAssessment, all or nothing at 80%
// No rounding clause: half-up to the penny on each line. Core24StaffingAttested is a monitor: no line.
//
// Measures (contracts/nhs/measures/liaison.parity), each on the accountable provider's own feeds:
// LiaisonReferrals is `rows are events` dated by referred_at, so a quarter adds its months' rows
// (RWA sends its ED referrals; RV9 sends the team's whole log, the same ED rows and the wards').
//   within 1 hour / 24 hours: seen_at recorded and seen_at − referred_at ≤ 60:00 / 24:00:00 of
//   real elapsed time, the clock times read as Europe/London (summer time ends 2026-10-25 01:00 UTC).
//   Self-harm: denominator ED and self_harm; numerator psychosocial_assessment; exception
//   left_before_assessment unless assessed. Minimum denominator 20 (after exceptions).
//   LiaisonCoverage: LiaisonRotaReturn `rows are events`: the quarter's staffed hours over its
//   hours, summed over the months; minimum denominator 168 hours.
// Q3 has only October in (feeds run April–October; the quarter ends 2026-12-31): the contract
// judges a quarter on its measure for the quarter, and the months reported are all there is of it
// today, so Q3 is priced on October alone and is provisional until November and December arrive
// (WardResponse has only 15 urgent ward referrals in October, under the minimum of 20: insufficient
// data, nothing paid yet). Q4 has not begun: 0p.
//
// Worked by hand:
//   block 2026-04: 480,000,000p ÷ 12 = 40,000,000p exactly, each month.
//   cquin EmergencyResponse Q1 (RWA, April–June): 110 emergency ED referrals, 82 seen within the
//     hour = 74.545…% -> (82/110 − 0.70) / 0.25 = 2/11 = 0.1818… -> 1,200,000p × 2/11 = 218,181.8…p
//     -> 218,182p (£2,181.82).
//   cquin EdCoverage Q1 (RWA): (656 + 683 + 646) of (720 + 744 + 720) hours = 1,985/2,184 = 90.888…%
//     -> (1,985/2,184 − 0.75) / 0.25 = 347/546 -> 900,000p × 347/546 = 571,978.0…p -> 571,978p.
//   cquin SelfHarmAssessment Q1 (RV9): 61 ED self-harm presentations, 3 left before assessment
//     (exceptions), 55 assessed of the other 58 = 94.8% ≥ 80% -> 300,000p.
//   cquin WardResponse Q1 (RV9): 21 of 42 urgent ward referrals within 24 hours = 50% < 60% -> 0p.

import {
  allOrNothing,
  Frac,
  instalments,
  line,
  linearAttainment,
  ods,
  quarterOf,
  standingDatasetFeeds,
  standingReturnRows,
  yearMonths,
} from './read-feeds.mjs';

export const contract = 'demo.hull.AcuteLiaisonMentalHealth';

const YEAR = '2026/27';
const VALUE = 480_000_000n; // £4,800,000
const WORTH = Frac.dec('2.5%');
const QUARTERS = ['Q1', 'Q2', 'Q3', 'Q4'];
const AS_OF = '2026-12-04';

/** Last Sunday of a month, as a day of the month. */
const lastSunday = (y, m) => {
  const last = new Date(Date.UTC(y, m, 0));
  return last.getUTCDate() - last.getUTCDay();
};
/**
 * Minutes since the epoch (UTC) of a Europe/London clock time "YYYY-MM-DDTHH:MM[:SS]". British
 * summer time runs from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last Sunday of
 * October; a clock time in the repeated hour is read as its first (summer time) occurrence.
 */
export const londonMinutes = (text) => {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(text);
  if (!m) throw new Error(`not a date-time: ${text}`);
  const [y, mo, d, h, mi, s] = m.slice(1).map((x) => Number(x ?? 0));
  const naive = Date.UTC(y, mo - 1, d, h, mi, s) / 60_000; // the clock time as if UTC
  const bstStart = Date.UTC(y, 2, lastSunday(y, 3), 1) / 60_000; // 01:00 UTC = 01:00 GMT -> 02:00 BST
  const bstEnd = Date.UTC(y, 9, lastSunday(y, 10), 1) / 60_000; // 01:00 UTC = 02:00 BST -> 01:00 GMT
  const asBst = naive - 60;
  if (asBst >= bstStart && asBst < bstEnd) return asBst;
  if (naive >= bstStart + 60 && naive < bstStart + 120) throw new Error(`no such London time: ${text}`);
  return naive;
};

const within = (r, minutes) =>
  r.seen_at !== '' &&
  londonMinutes(r.seen_at) - londonMinutes(r.referred_at) >= 0 &&
  londonMinutes(r.seen_at) - londonMinutes(r.referred_at) <= minutes;

/** Each standing referral row of `provider`, checked to lie in its feed's month. */
const referralRows = (provider) =>
  standingDatasetFeeds(contract, 'LiaisonReferrals')
    .filter((f) => f.provider === provider)
    .flatMap((f) =>
      f.rows.map((r) => {
        if (r.referred_at.slice(0, 7) !== f.period)
          throw new Error(`${f.file}: ${r.person} outside ${f.period}`);
        return { ...r, quarter: quarterOf(f.period) };
      }),
    );

const tally = (rows, quarter, inDenominator, inNumerator, isException = () => false) => {
  let num = 0n;
  let den = 0n;
  for (const r of rows.filter((x) => x.quarter === quarter && inDenominator(x))) {
    if (inNumerator(r)) {
      num++;
      den++;
    } else if (!isException(r)) den++;
  }
  return { num, den, any: rows.some((x) => x.quarter === quarter) };
};

export const lines = () => {
  const rwa = ods('HullUniversityTeachingHospitals');
  const rv9 = ods('HumberTeaching');
  const months = yearMonths(YEAR);
  const out = instalments(VALUE).map((p, i) => line('block', contract, months[i], '*', p));

  const edRows = referralRows(rwa);
  const teamRows = referralRows(rv9);
  const rota = standingReturnRows(contract, 'LiaisonRotaReturn').filter(
    (r) => r.measure === 'LiaisonCoverage' && r.provider === rwa,
  );
  const measures = {
    EmergencyResponse: (q) =>
      tally(
        edRows,
        q,
        (r) => r.setting === 'ED' && r.urgency === 'emergency',
        (r) => within(r, 60),
      ),
    EdCoverage: (q) => {
      const mine = rota.filter((r) => quarterOf(r.period) === q);
      return {
        num: mine.reduce((s, r) => s + BigInt(r.numerator), 0n),
        den: mine.reduce((s, r) => s + BigInt(r.denominator), 0n),
        any: mine.length > 0,
      };
    },
    WardResponse: (q) =>
      tally(
        teamRows,
        q,
        (r) => r.setting === 'ward' && r.urgency === 'urgent',
        (r) => within(r, 24 * 60),
      ),
    SelfHarmAssessment: (q) =>
      tally(
        teamRows,
        q,
        (r) => r.setting === 'ED' && r.self_harm === 'true',
        (r) => r.psychosocial_assessment === 'true',
        (r) => r.left_before_assessment === 'true',
      ),
  };
  const scheme = Frac.of(VALUE).mul(WORTH);
  const indicators = [
    ['EmergencyResponse', rwa, '40%', 20n, (s) => linearAttainment(s, Frac.dec('70%'), Frac.dec('95%'))],
    ['EdCoverage', rwa, '30%', 168n, (s) => linearAttainment(s, Frac.dec('75%'), Frac.dec('100%'))],
    ['WardResponse', rv9, '20%', 20n, (s) => linearAttainment(s, Frac.dec('60%'), Frac.dec('90%'))],
    ['SelfHarmAssessment', rv9, '10%', 20n, (s) => allOrNothing(s, Frac.dec('80%'))],
  ];
  for (const [clause, provider, weight, minimum, attain] of indicators) {
    for (const q of QUARTERS) {
      const quarter = `${YEAR} ${q}`;
      let pence = 0n;
      const { num, den, any } = measures[clause](quarter);
      if (any && den >= minimum && `${months[QUARTERS.indexOf(q) * 3]}-01` <= AS_OF) {
        pence = scheme
          .mul(Frac.dec(weight))
          .div(4n)
          .mul(attain(new Frac(num, den)))
          .round();
      }
      out.push(line('cquin', clause, quarter, provider, pence));
    }
  }
  return out;
};
