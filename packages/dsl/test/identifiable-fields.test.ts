import { identifyingName } from '@parity/engine';
import { describe, expect, test } from 'vitest';
import { IssueCodes } from '../src/index.js';
import { ALLIANCE, CQUIN, check, LIBRARY, OTHER } from './helpers.js';

/** The test library with one more field in its record-level dataset. */
async function identifiableFields(field: string) {
  if (!LIBRARY.includes('  smoker: boolean?')) throw new Error('the library no longer has a smoker field');
  const diagnostics = await check({
    '/lib.parity': LIBRARY.replace('  smoker: boolean?', `  smoker: boolean?\n  ${field}`),
    '/cquin.parity': CQUIN,
    '/alliance.parity': ALLIANCE,
    '/other.parity': OTHER,
  });
  return diagnostics.filter((d) => d.code === IssueCodes.PatientIdentifiableField);
}

describe('fields that would hold patient-identifiable data', () => {
  test.each([
    'first_name: text?',
    'full_name: text?',
    'nhs_no: text?',
    'email: text?',
    'phone: text?',
    'mobile: text?',
    'home_address: text?',
    'patient_postcode: code?',
    'mrn: text?',
    'hospital_number: text?',
    'DateOfBirth: date?',
  ])('refuses %s', async (field) => {
    const found = await identifiableFields(field);
    expect(found).toHaveLength(1);
    expect(found[0]?.message).toContain(identifyingName(field.split(':')[0] ?? '') ?? 'never');
  });

  test('allows a postcode district, which names an area and not a person', async () => {
    expect(await identifiableFields('postcode_district: code?')).toEqual([]);
  });

  test('says what the field would hold and the pseudonymous key to use instead', async () => {
    const [found] = await identifiableFields('nhs_no: text?');
    expect(found?.message).toBe(
      "Field nhs_no would hold an NHS number, which is patient-identifiable and which Parity never stores: use a pseudonymous key (e.g. 'person: pseudonym') and derived fields such as an age band.",
    );
  });
});
