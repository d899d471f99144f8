// Rows of the liaison referrals dataset (nhs.measures.liaison.LiaisonReferrals), shared by the Hull
// acute liaison schedule and the Oxford internal agreement. People are pseudonyms.
import { csvOf, daysIn, firstDay, timeOf } from './demo-data.mjs';

export const LIAISON_COLUMNS = [
  'person',
  'referred_at',
  'seen_at',
  'setting',
  'urgency',
  'age',
  'self_harm',
  'psychosocial_assessment',
  'left_before_assessment',
];

/**
 * One referral in `month`. `seenWithin(urgency)` gives minutes from referral to being seen, or
 * undefined when not seen; self-harm presentations are assessed with probability `assessed`.
 */
export function liaisonReferral(source, month, key, { setting, urgency, selfHarm, seenWithin, assessed }) {
  const { between, chance } = source;
  const day = firstDay(month) + between(0, daysIn(month) - 1);
  const referredAt = between(0, 24 * 60 - 1);
  const wait = seenWithin(urgency);
  const left = selfHarm && chance(0.05);
  return {
    referredAt: timeOf(day, referredAt),
    row: [
      key,
      timeOf(day, referredAt),
      wait === undefined || left ? '' : timeOf(day, referredAt + wait),
      setting,
      urgency,
      between(18, 89),
      selfHarm ? 'true' : 'false',
      selfHarm ? (left ? 'false' : chance(assessed) ? 'true' : 'false') : '',
      selfHarm ? (left ? 'true' : 'false') : '',
    ],
  };
}

/** The referrals as CSV, in the order they were received. */
export const liaisonCsv = (referrals) =>
  csvOf(
    LIAISON_COLUMNS,
    [...referrals].sort((a, b) => a.referredAt.localeCompare(b.referredAt)).map((r) => r.row),
  );
