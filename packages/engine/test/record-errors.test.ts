import { describe, expect, test } from 'vitest';
import {
  type ContractModel,
  DomainError,
  type Measure,
  type RecordRow,
  tallyRecords,
  tallyRecordsSync,
} from '../src/index.js';
import { dataset, field, isTrue, measure, model, numeratorOf } from './helpers/record-model.js';

const visits = dataset(
  'Visits',
  {
    person: 'pseudonym',
    visited_on: 'date',
    seen_at: 'datetime?',
    setting: 'code?',
    age: 'integer?',
    weight: 'decimal?',
    cost: 'money?',
    urgent: 'boolean?',
  },
  { codes: { setting: ['ED', 'ward'] } },
);
const dated = dataset('Dated', { person: 'pseudonym', referred_on: 'date?' }, { datedBy: 'referred_on' });
const urgent = measure('Urgent', 'Visits', { numerator: isTrue('urgent') });
const contract = model([visits, dated], [urgent, measure('Referred', 'Dated')]);

const good: RecordRow = { provider: 'RX4', month: '2026-05', person: 'P1', visited_on: '2026-05-03' };

function refusal(rows: RecordRow[], datasetName = 'Visits', against: ContractModel = contract): DomainError {
  try {
    tallyRecordsSync(against, datasetName, rows);
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('the rows were accepted');
}

function withoutVisit(row: RecordRow): RecordRow {
  const { visited_on: _, ...rest } = row;
  return rest as RecordRow;
}

describe('bad input is refused, never counted', () => {
  test('an unknown dataset', () => {
    expect(refusal([], 'Nowhere').code).toBe('unknown-dataset');
  });

  test('a provider that is not a party to the contract', () => {
    const error = refusal([good, { ...good, provider: 'ZZZ' }]);
    expect(error.code).toBe('unknown-provider');
    expect(error.message).toContain('Row 2');
    expect(error.message).toContain('ZZZ');
  });

  test('a row without a provider', () => {
    expect(refusal([{ ...good, provider: '' }]).message).toMatch(/Row 1: field 'provider'/);
  });

  test.each([
    ['a date that is not a date', { visited_on: '2026-02-30' }, 'visited_on'],
    ['a date written another way', { visited_on: '03/05/2026' }, 'visited_on'],
    ['a date-time with an offset, not stored as UTC', { seen_at: '2026-05-03T10:00+01:00' }, 'seen_at'],
    ['a code not in its list', { setting: 'A&E' }, 'setting'],
    ['a whole number with a fraction', { age: 40.5 }, 'age'],
    ['a decimal written as words', { weight: 'seventy' }, 'weight'],
    ['a decimal with no digits after its point', { weight: '70.' }, 'weight'],
    ['a decimal with no digits before its point', { weight: '.5' }, 'weight'],
    ['a decimal with two points', { weight: '1.2.3' }, 'weight'],
    ['money written as text', { cost: '£12.50' }, 'cost'],
    ['money with a fraction of a penny', { cost: 12.5 }, 'cost'],
    ['a yes/no written as text', { urgent: 'yes' }, 'urgent'],
    ['a pseudonym that is not text', { person: 42 }, 'person'],
    ['a field the dataset does not have', { nhs_number: '9434765919' }, 'nhs_number'],
  ])('%s, naming the row and field', (_, values, name) => {
    const error = refusal([good, good, { ...good, ...values } as RecordRow]);
    expect(error.code).toBe('invalid-record');
    expect(error.message).toContain('Row 3');
    expect(error.message).toContain(`'${name}'`);
    expect(error.details).toEqual({ row: 3, field: name });
  });

  test.each([
    ['an NHS number in the pseudonym', { person: '943 476 5919' }, 'person', 'an NHS number'],
    ['a postcode in a free code', { setting: 'BD9 6RJ' }, 'setting', 'a postcode'],
    ['an email address as the pseudonym', { person: 'jane.smith@example.org' }, 'person', 'an email address'],
    ['a phone number as the pseudonym', { person: '07700 900123' }, 'person', 'a phone number'],
  ])(
    '%s: a stored record that identifies a patient is refused, the value never repeated',
    (_, values, name, what) => {
      const free = dataset('Free', { person: 'pseudonym', setting: 'code?' });
      const against = model([free], [measure('Any', 'Free')]);
      const error = refusal(
        [good, { ...good, visited_on: undefined, ...values } as RecordRow].map(withoutVisit),
        'Free',
        against,
      );
      expect(error.code).toBe('invalid-record');
      expect(error.details).toEqual({ row: 2, field: name });
      expect(error.message).toContain(`looks like ${what}`);
      expect(error.message).not.toContain(Object.values(values)[0] as string);
    },
  );

  test('a listed code is never read as identifying, nor a pseudonym that only resembles one', () => {
    const listed = dataset('Listed', { person: 'pseudonym', area: 'code' }, { codes: { area: ['BD9 6RJ'] } });
    const rows = [{ provider: 'RX4', month: '2026-05', person: '943476591', area: 'BD9 6RJ' }];
    expect(() => tallyRecordsSync(model([listed], [measure('Any', 'Listed')]), 'Listed', rows)).not.toThrow();
  });

  test('a person twice in one snapshot is refused; in two snapshots, or twice among events, is not', () => {
    const register = dataset(
      'Register',
      { person: 'pseudonym', smoker: 'boolean?' },
      { overTime: { meaning: 'snapshots' } },
    );
    const against = model([register], [measure('Any', 'Register')]);
    const april = { provider: 'RX4', month: '2026-04', person: 'P1' };
    const error = refusal([april, { ...april, person: 'P2' }, april], 'Register', against);
    expect(error.details).toEqual({ row: 3, field: 'person' });
    expect(error.message).toContain('"P1" is already in this snapshot, at row 1');
    expect(() =>
      tallyRecordsSync(against, 'Register', [april, { ...april, month: '2026-05' }]),
    ).not.toThrow();
    expect(() => tallyRecordsSync(against, 'Register', [april, { ...april, provider: 'RHA' }])).not.toThrow();
    const events = model([dataset('Visits2', { person: 'pseudonym' })], [measure('Any', 'Visits2')]);
    expect(() => tallyRecordsSync(events, 'Visits2', [april, april])).not.toThrow();
  });

  test('a required field that is missing', () => {
    const error = refusal([{ ...good, visited_on: '' }]);
    expect(error.message).toBe("Row 1: field 'visited_on' is required but missing.");
  });

  test('an undated row without its month', () => {
    const { month: _, ...undated } = good;
    expect(refusal([undated as RecordRow]).details).toEqual({ row: 1, field: 'month' });
  });

  test('a dated row whose dated-by field is missing', () => {
    expect(refusal([{ provider: 'RX4', person: 'P1' }], 'Dated').details).toEqual({
      row: 1,
      field: 'referred_on',
    });
  });

  test('from an async source too', async () => {
    async function* rows() {
      yield { ...good, age: 'old' };
    }
    await expect(tallyRecords(contract, 'Visits', rows())).rejects.toMatchObject({ code: 'invalid-record' });
  });
});

describe('models that records cannot be evaluated with are refused', () => {
  const refusedModel = (measures: Measure[]) => refusal([good], 'Visits', model([visits, dated], measures));

  test('a reference to a measure the model does not define', () => {
    expect(refusedModel([measure('Chained', 'Visits', { denominator: numeratorOf('Missing') })]).code).toBe(
      'unknown-measure',
    );
  });

  test('measures whose populations refer to each other in a circle', () => {
    const a = measure('A', 'Visits', { denominator: numeratorOf('B') });
    const b = measure('B', 'Visits', { denominator: numeratorOf('A') });
    expect(refusedModel([a, b]).message).toContain('circle');
  });

  test('a reference to a measure scored from another dataset', () => {
    expect(
      refusedModel([
        measure('Chained', 'Visits', { denominator: numeratorOf('Referred') }),
        measure('Referred', 'Dated'),
      ]).code,
    ).toBe('invalid-model');
  });

  test('a field the dataset does not have', () => {
    expect(refusedModel([measure('Odd', 'Visits', { numerator: isTrue('unheard_of') })]).code).toBe(
      'invalid-model',
    );
  });

  test('a dataset declaring a field that would hold identifiable data', () => {
    const named = dataset('Named', { person: 'pseudonym', full_name: 'text' });
    const error = refusal([], 'Named', model([named], [measure('M', 'Named')]));
    expect(error.code).toBe('invalid-model');
    expect(error.message).toContain('full_name would hold a name');
  });

  test('a dataset declaring a field that every record already carries', () => {
    const clash = dataset('Clash', { month: 'date' });
    expect(refusal([], 'Clash', model([clash], [measure('M', 'Clash')])).code).toBe('invalid-model');
  });

  test('a mean of something that is not a number', () => {
    expect(
      refusedModel([measure('Odd', 'Visits', { scoring: { kind: 'mean', value: field('setting') } })]).code,
    ).toBe('invalid-model');
  });

  test('comparing a number with text', () => {
    const odd = measure('Odd', 'Visits', {
      numerator: { kind: 'binary', operator: '>', left: field('age'), right: field('setting') },
    });
    expect(refusedModel([odd]).code).toBe('invalid-model');
  });
});
