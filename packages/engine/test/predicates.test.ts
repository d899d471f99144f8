import { describe, expect, test } from 'vitest';
import { compilePredicate, type Expression, type RecordRow } from '../src/index.js';
import {
  binary,
  dataset,
  date,
  durationOf,
  field,
  inList,
  is,
  measure,
  minutes,
  model,
  month,
  months,
  not,
  number,
  numeratorOf,
  pence,
  recorded,
  text,
  within,
} from './helpers/record-model.js';

const referrals = dataset(
  'Referrals',
  {
    person: 'pseudonym',
    referred_at: 'datetime',
    seen_at: 'datetime?',
    referred_on: 'date?',
    assessed_on: 'date?',
    discharged_on: 'date?',
    follow_up_on: 'date?',
    setting: 'code?',
    age: 'integer?',
    hba1c_before: 'decimal?',
    hba1c_after: 'decimal?',
    cost: 'money?',
  },
  { datedBy: 'referred_at', codes: { setting: ['ED', 'ward'] } },
);

function holds(
  expression: Expression,
  values: Partial<RecordRow>,
  rowMonth?: string,
  measures = [measure('Seen', 'Referrals')],
): boolean {
  const predicate = compilePredicate(model([referrals], measures), 'Referrals', expression);
  return predicate({ provider: 'RX4', person: 'P1', referred_at: '2026-05-01T10:00', ...values }, rowMonth);
}

describe('missing values', () => {
  test('make every comparison false, "not equal" included', () => {
    expect(holds(binary(field('age'), '>', number('18')), {})).toBe(false);
    expect(holds(binary(field('age'), '<=', number('18')), {})).toBe(false);
    expect(holds(binary(field('age'), '!=', number('18')), {})).toBe(false);
    expect(holds(is('setting', text('ED')), { setting: '' })).toBe(false);
  });

  test('are in no list and outside none', () => {
    expect(holds(inList('setting', ['ED']), {})).toBe(false);
    expect(holds(inList('setting', ['ED'], true), {})).toBe(false);
    expect(holds(inList('setting', ['ED'], true), { setting: 'ward' })).toBe(true);
  });

  test('are not recorded, and "is recorded" is true for any present value', () => {
    expect(holds(recorded('seen_at'), { seen_at: null })).toBe(false);
    expect(holds(recorded('seen_at', true), { seen_at: '' })).toBe(true);
    expect(holds(recorded('age'), { age: 0 })).toBe(true);
  });

  test('are simply negated by not', () => {
    expect(holds(not(binary(field('age'), '>', number('18'))), {})).toBe(true);
  });

  test('make within false', () => {
    expect(holds(within('seen_at', minutes('60'), 'referred_at'), {})).toBe(false);
    expect(holds(within('assessed_on', months('12')), {})).toBe(false);
  });
});

describe('timed within', () => {
  const seenWithinAnHour = within('seen_at', minutes('60'), 'referred_at');

  test('counts a referral seen exactly 60 minutes after it was made', () => {
    expect(holds(seenWithinAnHour, { referred_at: '2026-05-01T23:30', seen_at: '2026-05-02T00:30' })).toBe(
      true,
    );
  });

  test('does not count one seen 61 minutes after', () => {
    expect(holds(seenWithinAnHour, { referred_at: '2026-05-01T23:30', seen_at: '2026-05-02T00:31' })).toBe(
      false,
    );
  });

  test('does not count a time before the referral', () => {
    expect(holds(seenWithinAnHour, { referred_at: '2026-05-01T10:00', seen_at: '2026-05-01T09:59' })).toBe(
      false,
    );
    expect(holds(seenWithinAnHour, { referred_at: '2026-05-01T10:00', seen_at: '2026-05-01T10:00' })).toBe(
      true,
    );
  });

  test('measures days between dates in minutes, the dates taken at midnight', () => {
    const withinFourWeeks = within('assessed_on', minutes('40320'), 'referred_on');
    expect(holds(withinFourWeeks, { referred_on: '2026-05-01', assessed_on: '2026-05-29' })).toBe(true);
    expect(holds(withinFourWeeks, { referred_on: '2026-05-01', assessed_on: '2026-05-30' })).toBe(false);
  });
});

describe('within a window ending with the row month', () => {
  const checkedInTwelveMonths = within('assessed_on', months('12'));

  test('includes the first day of the twelve months and the last day of the row month', () => {
    expect(holds(checkedInTwelveMonths, { assessed_on: '2026-04-01' }, '2027-03')).toBe(true);
    expect(holds(checkedInTwelveMonths, { assessed_on: '2027-03-31' }, '2027-03')).toBe(true);
  });

  test('excludes the day before the window and any day after the row month', () => {
    expect(holds(checkedInTwelveMonths, { assessed_on: '2026-03-31' }, '2027-03')).toBe(false);
    expect(holds(checkedInTwelveMonths, { assessed_on: '2027-04-01' }, '2027-03')).toBe(false);
  });

  test('takes the row month from the dated-by field when no month is given', () => {
    expect(holds(checkedInTwelveMonths, { referred_at: '2026-05-20T09:00', assessed_on: '2026-05-31' })).toBe(
      true,
    );
    expect(holds(checkedInTwelveMonths, { referred_at: '2026-05-20T09:00', assessed_on: '2026-06-01' })).toBe(
      false,
    );
  });

  test('counts minutes back from the first instant after the row month', () => {
    const seenInLastDay = within('seen_at', minutes('1440'));
    expect(holds(seenInLastDay, { seen_at: '2026-05-31T00:00' }, '2026-05')).toBe(true);
    expect(holds(seenInLastDay, { seen_at: '2026-05-30T23:59' }, '2026-05')).toBe(false);
    expect(holds(seenInLastDay, { seen_at: '2026-06-01T00:00' }, '2026-05')).toBe(false);
  });
});

describe('calendar month windows', () => {
  const followedUpInAMonth = within('follow_up_on', months('1'), 'discharged_on');

  test('end on the last day of a shorter month: 31 January + 1 month is 28 February', () => {
    expect(holds(followedUpInAMonth, { discharged_on: '2027-01-31', follow_up_on: '2027-02-28' })).toBe(true);
    expect(holds(followedUpInAMonth, { discharged_on: '2027-01-31', follow_up_on: '2027-03-01' })).toBe(
      false,
    );
  });

  test('reach 29 February in a leap year', () => {
    expect(holds(followedUpInAMonth, { discharged_on: '2028-01-31', follow_up_on: '2028-02-29' })).toBe(true);
  });

  test('keep the time of day for date-times', () => {
    const seenInAMonth = within('seen_at', months('1'), 'referred_at');
    expect(holds(seenInAMonth, { referred_at: '2026-05-31T10:00', seen_at: '2026-06-30T10:00' })).toBe(true);
    expect(holds(seenInAMonth, { referred_at: '2026-05-31T10:00', seen_at: '2026-06-30T10:01' })).toBe(false);
  });

  test('add months to a date in arithmetic', () => {
    const beforeSixMonths = binary(
      field('follow_up_on'),
      '<=',
      binary(field('discharged_on'), '+', durationOf(months('6'))),
    );
    expect(holds(beforeSixMonths, { discharged_on: '2026-08-31', follow_up_on: '2027-02-28' })).toBe(true);
    expect(holds(beforeSixMonths, { discharged_on: '2026-08-31', follow_up_on: '2027-03-01' })).toBe(false);
  });
});

describe('exact arithmetic', () => {
  const fallOfFive = binary(binary(field('hba1c_before'), '-', field('hba1c_after')), '>=', number('5'));

  test('subtracts decimals without floating-point error', () => {
    expect(8.2 - 3.2 >= 5).toBe(false);
    expect(holds(fallOfFive, { hba1c_before: 8.2, hba1c_after: 3.2 })).toBe(true);
    expect(holds(fallOfFive, { hba1c_before: '8.2', hba1c_after: '3.2' })).toBe(true);
  });

  test('compares values more precise than the fast path exactly', () => {
    const aboveFive = binary(field('hba1c_before'), '>', number('5'));
    expect(holds(aboveFive, { hba1c_before: '5.0000000000000000001' })).toBe(true);
    expect(holds(aboveFive, { hba1c_before: '5.000000000000000000' })).toBe(false);
    expect(holds(binary(field('hba1c_before'), '=', number('0.1234567')), { hba1c_before: 0.1234567 })).toBe(
      true,
    );
  });

  test('treats division by zero as no value', () => {
    const ratio = binary(binary(field('hba1c_before'), '/', field('hba1c_after')), '>', number('1'));
    expect(holds(ratio, { hba1c_before: '2', hba1c_after: '0' })).toBe(false);
    expect(holds(ratio, { hba1c_before: '2', hba1c_after: '1.5' })).toBe(true);
  });

  test('gives date minus date in minutes', () => {
    const assessedInAWeek = binary(
      binary(field('assessed_on'), '-', field('referred_on')),
      '<=',
      durationOf(minutes('10080')),
    );
    expect(holds(assessedInAWeek, { referred_on: '2026-05-01', assessed_on: '2026-05-08' })).toBe(true);
    expect(holds(assessedInAWeek, { referred_on: '2026-05-01', assessed_on: '2026-05-09' })).toBe(false);
  });

  test('reads a constant on the left as on the right', () => {
    expect(holds(binary(number('5'), '<', field('hba1c_before')), { hba1c_before: '5.000001' })).toBe(true);
    expect(holds(binary(number('5'), '<', field('hba1c_before')), { hba1c_before: '5' })).toBe(false);
    expect(holds(binary(text('ED'), '=', field('setting')), { setting: 'ED' })).toBe(true);
  });

  test('compares two date-times of the same row', () => {
    const seenAfterReferral = binary(field('seen_at'), '>', field('referred_at'));
    expect(holds(seenAfterReferral, { referred_at: '2026-05-01T10:00', seen_at: '2026-05-01T10:01' })).toBe(
      true,
    );
    expect(holds(seenAfterReferral, { referred_at: '2026-05-01T10:00', seen_at: '2026-05-01T10:00' })).toBe(
      false,
    );
    expect(holds(binary(field('seen_at'), '!=', field('referred_at')), {})).toBe(false);
  });

  test('compares money in pence', () => {
    expect(holds(binary(field('cost'), '>', pence('10000')), { cost: 10001 })).toBe(true);
    expect(holds(binary(field('cost'), '>', pence('10000')), { cost: 10000n })).toBe(false);
  });
});

describe('dates against months', () => {
  test('a date equals a month when it falls in it', () => {
    expect(holds(binary(field('referred_on'), '=', month('2026-05')), { referred_on: '2026-05-31' })).toBe(
      true,
    );
    expect(holds(binary(field('referred_on'), '=', month('2026-05')), { referred_on: '2026-06-01' })).toBe(
      false,
    );
  });

  test('a date is after a month only once the month is over', () => {
    expect(holds(binary(field('referred_on'), '>', month('2026-05')), { referred_on: '2026-05-31' })).toBe(
      false,
    );
    expect(holds(binary(field('referred_on'), '>', month('2026-05')), { referred_on: '2026-06-01' })).toBe(
      true,
    );
    expect(
      holds(binary(field('referred_at'), '>=', month('2026-05')), { referred_at: '2026-05-01T00:00' }),
    ).toBe(true);
  });

  test('compares dates with date literals', () => {
    expect(holds(binary(field('referred_on'), '<', date('2026-05-02')), { referred_on: '2026-05-01' })).toBe(
      true,
    );
  });
});

describe('population references', () => {
  test('numerator of a measure is its final numerator on the same row', () => {
    const seen = measure('Seen', 'Referrals', {
      numerator: recorded('seen_at'),
      numeratorExclusions: [is('setting', text('ward'))],
    });
    expect(holds(numeratorOf('Seen'), { seen_at: '2026-05-01T10:30' }, undefined, [seen])).toBe(true);
    expect(
      holds(numeratorOf('Seen'), { seen_at: '2026-05-01T10:30', setting: 'ward' }, undefined, [seen]),
    ).toBe(false);
  });
});
