/**
 * A contract for testing feeds: a dataset with every field type (dated by a date-time), a snapshot
 * dataset, and an aggregate return paying a CQUIN, delivered by Bradford District Care (TAD) and
 * Bradford Teaching Hospitals (RAE) for Bradford commissioners (36J). Term 2026-04 to 2027-03.
 */
export const FEEDS_TEST_CONTRACT = {
  path: 'test/feeds-test.parity',
  text: `// A contract for testing feeds: one dataset with every field type, a snapshot dataset, and an
// aggregate return, delivered by two providers.

package test.feeds

import "nhs/organisations"

dataset Episodes "Episodes of care, with every field type" per episode {
  rows are events
  source "Test extract"
  dated by referred_at
  person: pseudonym "Pseudonymous person key"
  referred_at: datetime "When the referral was received"
  assessed_on: date? "When the person was assessed"
  setting: code in ("ED", "ward", "outpatient") "Where the referral came from"
  age: integer "Age in years"
  self_harm: boolean "Presented with self-harm"
  weight_kg: decimal? "Weight in kilograms"
  cost: money? "Cost of the episode"
  note: text? "Free-text note"
}

dataset Caseload "People on the caseload at the end of the month" per person {
  rows are snapshots
  source "Test caseload snapshot"
  person: pseudonym "Pseudonymous person key"
  registered_on: date? "Date added to the caseload"
  smoker: boolean? "Current smoker"
}

aggregate return QualityReturn "Quality return" {
  rows are events
  source "Test quality return"
}

measure AssessedEpisodes "ED episodes assessed" {
  domain mental-health
  from Episodes
  denominator setting = "ED"
  numerator assessed_on is recorded
  higher is better
  period quarter
}

measure SmokersOnCaseload "Smokers on the caseload" {
  domain physical-health
  from Caseload
  denominator registered_on is recorded
  numerator smoker = true
  lower is better
  period month
}

measure CarePlansReviewed "Care plans reviewed" {
  domain mental-health
  from QualityReturn
  scored as proportion
  minimum denominator 10
  higher is better
  period quarter
}

measure StaffedHours "Staffed hours a week" {
  domain mental-health
  from QualityReturn
  scored as reported value
  higher is better
  period month
}

contract FeedsTest "Feeds test contract 2026/27" {
  arrangement cquin
  year 2026/27
  commissioner BradfordPlace
  provider BradfordDistrictCare
  provider BradfordTeachingHospitals
  value £1,000,000

  // 2% of £1,000,000 = £20,000 a year, £5,000 a quarter.
  cquin Quality "Care plan reviews" worth 2% of value {
    assessed quarterly
    indicator Reviews "Care plans reviewed" weight 100% {
      measure CarePlansReviewed
      accountable BradfordDistrictCare
      linear from 50% to 90%
    }
  }

  monitor AssessedEpisodes target 90% accountable BradfordDistrictCare
  monitor SmokersOnCaseload target 30% accountable BradfordDistrictCare
  monitor StaffedHours target 168 accountable BradfordTeachingHospitals
}
`,
};

export const FEEDS_TEST_NAME = 'test.feeds.FeedsTest';

/** The columns of test.feeds.Episodes, in declaration order. */
export const EPISODE_COLUMNS = [
  'person',
  'referred_at',
  'assessed_on',
  'setting',
  'age',
  'self_harm',
  'weight_kg',
  'cost',
  'note',
];

/** A valid Episodes row as CSV cells, numbered so every row differs, dated in `month` (May by default). */
export function episodeRow(
  n: number,
  overrides: Partial<Record<string, string>> = {},
  month = '2026-05',
): string[] {
  const day = String((n % 28) + 1).padStart(2, '0');
  const row: Record<string, string> = {
    person: `P${String(n).padStart(6, '0')}`,
    referred_at: `${month}-${day}T10:${String(n % 60).padStart(2, '0')}`,
    assessed_on: n % 2 === 0 ? `${month}-${day}` : '',
    setting: ['ED', 'ward', 'outpatient'][n % 3] as string,
    age: String(18 + (n % 60)),
    self_harm: n % 5 === 0 ? 'yes' : 'no',
    weight_kg: n % 4 === 0 ? '' : `${60 + (n % 30)}.5`,
    cost: `${100 + (n % 900)}.25`,
    note: n % 7 === 0 ? 'seen, then discharged' : '',
    ...overrides,
  };
  return EPISODE_COLUMNS.map((c) => row[c] ?? '');
}

/** Rows as CSV text: cells with commas, quotes or line breaks are quoted. */
export function csvOf(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const cell = (value: string) => (/[",\n\r]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);
  return `${[header, ...rows].map((row) => row.map(cell).join(',')).join('\n')}\n`;
}
