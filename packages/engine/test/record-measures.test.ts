import { describe, expect, test } from 'vitest';
import {
  type Measure,
  type RecordRow,
  type RecordTally,
  rational,
  tallyRecords,
  tallyRecordsSync,
} from '../src/index.js';
import {
  allOf,
  and,
  binary,
  dataset,
  denominatorOf,
  durationOf,
  field,
  is,
  isTrue,
  measure,
  minutes,
  model,
  months,
  number,
  numeratorOf,
  recorded,
  text,
  within,
} from './helpers/record-model.js';

const cases = dataset('Cases', {
  person: 'pseudonym',
  eligible: 'boolean',
  met: 'boolean?',
  excluded: 'boolean?',
  excepted: 'boolean?',
  numerator_excluded: 'boolean?',
  ethnicity: 'code?',
  score: 'decimal?',
  baseline: 'decimal?',
  amount: 'money?',
});

const proportion = measure('Proportion', 'Cases', {
  denominator: isTrue('eligible'),
  numerator: isTrue('met'),
  exclusions: [isTrue('excluded')],
  exceptions: [isTrue('excepted')],
  numeratorExclusions: [isTrue('numerator_excluded')],
});

function row(values: Partial<RecordRow>, month = '2026-05', provider = 'RX4'): RecordRow {
  return { provider, month, person: 'P1', eligible: true, ...values };
}

/** The tally of one measure, provider, month and stratum. */
function tallyOf(
  measures: Measure[],
  rows: RecordRow[],
  name = measures[0]?.name ?? '',
  month = '2026-05',
  stratum = '',
): RecordTally {
  const tally = tallyRecordsSync(model([cases], measures), 'Cases', rows)
    .get(name)
    ?.get('RX4')
    ?.get(month)
    ?.get(stratum);
  if (!tally) throw new Error(`no tally for ${name} ${month} ${stratum}`);
  return tally;
}

describe('proportion precedence', () => {
  test('two cases, one excluded though it meets the numerator, one meeting the numerator: 1 of 1', () => {
    const tally = tallyOf([proportion], [row({ met: true, excluded: true }), row({ met: true })]);
    expect(tally).toMatchObject({ population: 2, excluded: 1, denominator: 1, numerator: 1, excepted: 0 });
  });

  test('a case meeting the numerator is never an exception', () => {
    const tally = tallyOf(
      [proportion],
      [row({ met: true, excepted: true }), row({ excepted: true }), row({})],
    );
    expect(tally).toMatchObject({
      population: 3,
      excepted: 1,
      denominator: 2,
      numeratorBeforeExclusions: 1,
      numerator: 1,
    });
  });

  test('numerator exclusions apply only to cases meeting the numerator', () => {
    const tally = tallyOf(
      [proportion],
      [row({ met: true, numerator_excluded: true }), row({ numerator_excluded: true }), row({ met: true })],
    );
    expect(tally).toMatchObject({
      denominator: 3,
      numeratorBeforeExclusions: 2,
      numeratorExcluded: 1,
      numerator: 1,
    });
  });

  test('rows outside the denominator are not counted at all', () => {
    const tally = tallyOf([proportion], [row({ eligible: false, met: true }), row({ met: true })]);
    expect(tally).toMatchObject({ rows: 2, population: 1, denominator: 1, numerator: 1 });
  });

  test('every row is in the population when there is no denominator clause', () => {
    const tally = tallyOf(
      [measure('All', 'Cases', { numerator: isTrue('met') })],
      [row({ eligible: false }), row({ met: true })],
    );
    expect(tally).toMatchObject({ population: 2, denominator: 2, numerator: 1 });
  });
});

describe('chained denominators', () => {
  const tobacco = dataset('Tobacco', {
    person: 'pseudonym',
    screened: 'boolean?',
    smoker: 'boolean?',
    advised: 'boolean?',
    referred: 'boolean?',
  });
  const screened = measure('Screened', 'Tobacco', { numerator: isTrue('screened') });
  const advised = measure('BriefAdvice', 'Tobacco', {
    denominator: and(numeratorOf('Screened'), isTrue('smoker')),
    numerator: isTrue('advised'),
  });
  const referred = measure('Referred', 'Tobacco', {
    denominator: denominatorOf('BriefAdvice'),
    numerator: isTrue('referred'),
  });
  const people: RecordRow[] = [
    {
      provider: 'RX4',
      month: '2026-05',
      person: 'A',
      screened: true,
      smoker: true,
      advised: true,
      referred: true,
    },
    { provider: 'RX4', month: '2026-05', person: 'B', screened: true, smoker: true, advised: false },
    { provider: 'RX4', month: '2026-05', person: 'C', screened: true, smoker: false, advised: true },
    { provider: 'RX4', month: '2026-05', person: 'D', screened: false, smoker: true, advised: true },
  ];

  test('count only screened smokers in the brief-advice denominator, and its cases in the next', () => {
    const tallies = tallyRecordsSync(model([tobacco], [referred, advised, screened]), 'Tobacco', people);
    const at = (name: string) => tallies.get(name)?.get('RX4')?.get('2026-05')?.get('');
    expect(at('Screened')).toMatchObject({ denominator: 4, numerator: 3 });
    expect(at('BriefAdvice')).toMatchObject({ denominator: 2, numerator: 1 });
    expect(at('Referred')).toMatchObject({ denominator: 2, numerator: 1 });
  });
});

describe('composite all-of per person', () => {
  const checks = ['bmi', 'bp', 'lipids', 'glucose', 'alcohol', 'smoking'];
  const register = dataset('Register', {
    person: 'pseudonym',
    ...Object.fromEntries(checks.map((check) => [check, 'date?'])),
  });
  const allSix = measure('SixChecks', 'Register', {
    numerator: allOf(...checks.map((check) => within(check, months('12')))),
  });
  const person = (id: string, dates: Record<string, string>): RecordRow => ({
    provider: 'RX4',
    month: '2027-03',
    person: id,
    ...dates,
  });
  const allDone = Object.fromEntries(checks.map((check) => [check, '2026-09-15']));

  test('counts a person only when all six checks fall in the twelve months', () => {
    const rows = [
      person('A', allDone),
      person('B', { ...allDone, lipids: '2026-03-31' }),
      person('C', { ...allDone, smoking: '' }),
    ];
    const tally = tallyRecordsSync(model([register], [allSix]), 'Register', rows)
      .get('SixChecks')
      ?.get('RX4')
      ?.get('2027-03')
      ?.get('');
    expect(tally).toMatchObject({ denominator: 3, numerator: 1 });
  });
});

describe('month placement', () => {
  const liaison = dataset(
    'Liaison',
    { referred_at: 'datetime', seen_at: 'datetime?' },
    { datedBy: 'referred_at' },
  );
  const seen = measure('Seen', 'Liaison', {
    numerator: within('seen_at', { unit: 'minutes', amount: '60' }, 'referred_at'),
  });

  test('places a dated row in the month of its dated-by field, not its submission month', () => {
    const rows = [
      { provider: 'RX4', month: '2026-07', referred_at: '2026-05-31T23:30', seen_at: '2026-06-01T00:30' },
      { provider: 'RX4', referred_at: '2026-06-01T00:00' },
    ];
    const byMonth = tallyRecordsSync(model([liaison], [seen]), 'Liaison', rows)
      .get('Seen')
      ?.get('RX4');
    expect([...(byMonth?.keys() ?? [])]).toEqual(['2026-05', '2026-06']);
    expect(byMonth?.get('2026-05')?.get('')).toMatchObject({ rows: 1, numerator: 1 });
  });

  test('is held to the second: exactly 60:00 is within the hour, 60:01 is not', () => {
    const rows = [
      { provider: 'RX4', referred_at: '2026-06-01T10:00', seen_at: '2026-06-01T11:00' },
      { provider: 'RX4', referred_at: '2026-06-01T10:00:30', seen_at: '2026-06-01T11:00:30' },
      { provider: 'RX4', referred_at: '2026-06-01T10:00', seen_at: '2026-06-01T11:00:01' },
      { provider: 'RX4', referred_at: '2026-06-01T10:00:59', seen_at: '2026-06-01T11:00:58' },
    ];
    const tally = tallyRecordsSync(model([liaison], [seen]), 'Liaison', rows)
      .get('Seen')
      ?.get('RX4')
      ?.get('2026-06')
      ?.get('');
    // Rows 1, 2 and 4 (60:00, 60:00, 59:59) are within the hour; row 3 (60:01) is not.
    expect(tally).toMatchObject({ denominator: 4, numerator: 3 });
  });

  test('a difference of date-times in minutes is exact to the second', () => {
    const late = measure('Late', 'Liaison', {
      numerator: binary(binary(field('seen_at'), '-', field('referred_at')), '>', durationOf(minutes('60'))),
    });
    const rows = [
      { provider: 'RX4', referred_at: '2026-06-01T10:00', seen_at: '2026-06-01T11:00' },
      { provider: 'RX4', referred_at: '2026-06-01T10:00', seen_at: '2026-06-01T11:00:01' },
    ];
    const tally = tallyRecordsSync(model([liaison], [late]), 'Liaison', rows)
      .get('Late')
      ?.get('RX4')
      ?.get('2026-06')
      ?.get('');
    expect(tally).toMatchObject({ denominator: 2, numerator: 1 });
  });

  test('on the clock in England, a row stored at 23:30 UTC on 30 April is dated 00:30 BST on 1 May', () => {
    const london: typeof liaison = { ...liaison, timeZone: 'Europe/London' };
    const rows = [{ provider: 'RX4', referred_at: '2026-04-30T23:30', seen_at: '2026-05-01T00:10' }];
    const inUtc = tallyRecordsSync(model([liaison], [seen]), 'Liaison', rows)
      .get('Seen')
      ?.get('RX4');
    const inLondon = tallyRecordsSync(model([london], [seen]), 'Liaison', rows)
      .get('Seen')
      ?.get('RX4');
    expect([...(inUtc?.keys() ?? [])]).toEqual(['2026-04']);
    expect([...(inLondon?.keys() ?? [])]).toEqual(['2026-05']);
  });

  test('places an undated row in its month, per provider', () => {
    const tallies = tallyRecordsSync(model([cases], [proportion]), 'Cases', [
      row({}, '2026-04'),
      row({}, '2026-05', 'RHA'),
      row({}, '2026-04'),
    ]);
    expect(tallies.get('Proportion')?.get('RX4')?.get('2026-04')?.get('')?.rows).toBe(2);
    expect(tallies.get('Proportion')?.get('RHA')?.get('2026-05')?.get('')?.rows).toBe(1);
  });
});

describe('continuous measures', () => {
  const scores = [
    row({ score: '7.5' }),
    row({ score: 0.1 }),
    row({ score: 0.2 }),
    row({}),
    row({ score: '3', excluded: true }),
  ];
  const scored = (kind: 'mean' | 'median' | 'total') =>
    measure(kind, 'Cases', { scoring: { kind, value: field('score') }, exclusions: [isTrue('excluded')] });

  test('total adds the present values of the denominator exactly', () => {
    expect(tallyOf([scored('total')], scores)).toMatchObject({
      sum: rational(78n, 10n),
      count: 3,
      denominator: 4,
      excluded: 1,
    });
  });

  test('mean keeps the sum and count; median also keeps every value', () => {
    expect(tallyOf([scored('mean')], scores).values).toEqual([]);
    expect(tallyOf([scored('median')], scores).values).toEqual([
      rational(15n, 2n),
      rational(1n, 10n),
      rational(1n, 5n),
    ]);
  });

  test('adds values too precise for the fast path exactly', () => {
    const tally = tallyOf(
      [scored('total')],
      [row({ score: '0.0000001' }), row({ score: 1e-7 }), row({ score: '1' })],
    );
    expect(tally.sum).toEqual(rational(5000001n, 5000000n));
  });

  test('change adds value minus baseline where both are present', () => {
    const change = measure('Change', 'Cases', {
      scoring: { kind: 'change', value: field('score'), baseline: field('baseline') },
    });
    const tally = tallyOf(
      [change],
      [row({ score: '10', baseline: '12.5' }), row({ score: '4', baseline: '1' }), row({ score: '9' })],
    );
    expect(tally).toMatchObject({ sum: rational(1n, 2n), count: 2 });
  });

  test('money totals stay in pence, bigints included', () => {
    const spend = measure('Spend', 'Cases', { scoring: { kind: 'total', value: field('amount') } });
    expect(tallyOf([spend], [row({ amount: 125 }), row({ amount: 9007199254740993n })]).sum).toEqual(
      rational(9007199254741118n),
    );
  });

  test('count holds the population rows in the denominator', () => {
    const count = measure('Count', 'Cases', { scoring: { kind: 'count' }, denominator: isTrue('eligible') });
    expect(tallyOf([count], [row({}), row({}), row({ eligible: false })])).toMatchObject({
      denominator: 2,
      count: 0,
    });
  });

  test('paired records for each person in the denominator the months the field was recorded', () => {
    const paired = measure('Paired', 'Cases', {
      scoring: { kind: 'paired', field: 'score', times: 2 },
      exclusions: [isTrue('excluded')],
    });
    const rows = [
      row({ person: 'A', score: 1 }),
      row({ person: 'B' }),
      row({ person: 'C', score: 2, excluded: true }),
    ];
    expect(tallyOf([paired], rows).personMonths).toEqual(
      new Map([
        ['A', new Set(['2026-05'])],
        ['B', new Set()],
      ]),
    );
  });
});

describe('stratification', () => {
  test('tallies each stratum besides the total, missing values as unknown', () => {
    const stratified = { ...proportion, stratifiedBy: 'ethnicity' };
    const rows = [
      row({ ethnicity: 'A', met: true }),
      row({ ethnicity: 'A' }),
      row({ ethnicity: 'B', met: true }),
      row({}),
    ];
    const strata = tallyRecordsSync(model([cases], [stratified]), 'Cases', rows)
      .get('Proportion')
      ?.get('RX4')
      ?.get('2026-05');
    expect([...(strata?.keys() ?? [])]).toEqual(['', 'A', 'B', 'unknown']);
    expect(strata?.get('')).toMatchObject({ denominator: 4, numerator: 2 });
    expect(strata?.get('A')).toMatchObject({ denominator: 2, numerator: 1 });
    expect(strata?.get('unknown')).toMatchObject({ denominator: 1, numerator: 0 });
  });
});

describe('streaming', () => {
  test('reads an async source as it reads an array', async () => {
    const rows = [row({ met: true }), row({ excluded: true })];
    async function* stream() {
      yield* rows;
    }
    const fromStream = await tallyRecords(model([cases], [proportion]), 'Cases', stream());
    expect(fromStream).toEqual(tallyRecordsSync(model([cases], [proportion]), 'Cases', rows));
  });

  test('consumes a generator once without collecting it', () => {
    let produced = 0;
    function* rows() {
      for (let i = 0; i < 1000; i++) {
        produced++;
        yield row({ met: i % 4 === 0, score: i });
      }
    }
    const tally = tallyOf([proportion], [...rows()]);
    expect(produced).toBe(1000);
    expect(tally).toMatchObject({ rows: 1000, numerator: 250 });
  });

  test('evaluates a decimal comparison in a population', () => {
    const high = measure('High', 'Cases', { numerator: binary(field('score'), '>', number('5')) });
    expect(
      tallyOf([high], [row({ score: '5.000001' }), row({ score: 5 }), row({ score: '-7' })]),
    ).toMatchObject({ numerator: 1 });
  });

  test('evaluates a text comparison in a population', () => {
    const coded = measure('Coded', 'Cases', {
      numerator: and(is('ethnicity', text('A')), recorded('score')),
    });
    expect(tallyOf([coded], [row({ ethnicity: 'A', score: 1 }), row({ ethnicity: 'A' })])).toMatchObject({
      numerator: 1,
    });
  });
});
