import { describe, expect, test } from 'vitest';
import { type DatasetField, identifyingName, identifyingValueAt, readCell } from '../src/index.js';

describe('identifying names of fields and columns', () => {
  test('each name that would carry a patient identifier is caught, however it is written', () => {
    const names = [
      'nhs_number',
      'NHS Number',
      'nhs_no',
      'NHSNumber',
      'name',
      'full_name',
      'first_name',
      'forename',
      'SURNAME',
      'patient_name',
      'Date of Birth',
      'DOB',
      'birth_date',
      'postcode',
      'post code',
      'patient_postcode',
      'address',
      'home_address',
      'Address Line 1',
      'address2',
      'email',
      'e-mail',
      'phone',
      'telephone',
      'mobile',
      'mrn',
      'hospital_number',
      'homePhone',
    ];
    expect(names.filter((name) => identifyingName(name) === undefined)).toEqual([]);
  });

  test('a name says what it would identify', () => {
    expect(identifyingName('nhs_no')).toBe('an NHS number');
    expect(identifyingName('patient_postcode')).toBe('a postcode');
    expect(identifyingName('mobile')).toBe('a phone number');
    expect(identifyingName('mrn')).toBe('a hospital number');
  });

  test('the pseudonymous key and fields derived from identifiers are allowed', () => {
    const names = [
      'person',
      'pseudonym',
      'postcode_district',
      'ward_name',
      'email_sent',
      'age_band',
      'mobility',
    ];
    expect(names.filter((name) => identifyingName(name) !== undefined)).toEqual([]);
  });
});

describe('identifying values', () => {
  test('a valid NHS number is caught with or without spaces', () => {
    expect(identifyingValueAt('9434765919')).toBe('an NHS number');
    expect(identifyingValueAt('943 476 5919')).toBe('an NHS number');
    expect(identifyingValueAt('943-476-5919')).toBe('an NHS number');
  });

  test('ten digits whose check digit is wrong are not an NHS number', () => {
    expect(identifyingValueAt('9434765918')).toBeUndefined();
  });

  test('a full UK postcode is caught in any of its forms', () => {
    for (const text of ['BD9 6RJ', 'bd96rj', 'M1 1AE', 'EC1A 1BB', 'W1A 0AX', 'SW1A 2AA', 'B33 8TH'])
      expect(identifyingValueAt(text)).toBe('a postcode');
  });

  test('a postcode district or a code that only resembles one is not caught', () => {
    for (const text of ['BD9', 'BD9 6R', 'ED', 'P000123', 'A1', '2026-05-01'])
      expect(identifyingValueAt(text)).toBeUndefined();
  });

  test('an email address is caught', () => {
    expect(identifyingValueAt('jo.bloggs@nhs.net')).toBe('an email address');
    expect(identifyingValueAt('not an @ address')).toBeUndefined();
  });

  test('a UK or international phone number is caught', () => {
    for (const text of ['07700 900123', '01274 123456', '(01274) 123456', '+44 7700 900123', '0113-496-0000'])
      expect(identifyingValueAt(text)).toBe('a phone number');
  });

  test('a value is judged in place within a longer text', () => {
    expect(identifyingValueAt('x,9434765919,y', 2, 12)).toBe('an NHS number');
  });

  test('a text cell holding an identifier is refused without repeating it', () => {
    const person: DatasetField = { name: 'person', type: 'pseudonym', optional: false };
    const reading = readCell(person, '943 476 5919');
    expect(reading.ok).toBe(false);
    const problem = reading.ok ? '' : reading.problem;
    expect(problem).toContain('an NHS number');
    expect(problem).not.toContain('943');
  });

  test('a number field holding an NHS number is refused as identifying, without repeating it', () => {
    const count: DatasetField = { name: 'count', type: 'integer', optional: false };
    const reading = readCell(count, '9434765919');
    expect(reading.ok).toBe(false);
    expect(reading.ok ? '' : reading.problem).toContain('an NHS number');
    expect(reading.ok ? '' : reading.problem).not.toContain('943');
    // Ten digits that fail the Modulus 11 check are a number like any other.
    expect(readCell(count, '9434765918')).toEqual({ ok: true, value: 9434765918 });
  });
});
