/**
 * The one rule for names of fields and columns that would carry patient-identifiable data.
 * Parity identifies people only by a pseudonymous key (`person: pseudonym`), so the language
 * refuses such a field and a feed refuses such a column, whatever its dataset declares.
 *
 * A name is read as words (split at punctuation, spaces and camelCase, in lower case) and judged by
 * what it ends with, its head noun: `patient_postcode` and `home_address` are a postcode and an
 * address, while `postcode_district` (an area, not a person) and `email_sent` (a flag) are not.
 */

/** Heads that identify when the name ends with them (`patient_dob`, `HomePhone`). */
const ENDINGS: readonly [ending: string, what: string][] = [
  ['nhsnumber', 'an NHS number'],
  ['nhsno', 'an NHS number'],
  ['nhsnum', 'an NHS number'],
  ['hospitalnumber', 'a hospital number'],
  ['hospitalno', 'a hospital number'],
  ['mrn', 'a hospital number'],
  ['forename', 'a name'],
  ['forenames', 'a name'],
  ['surname', 'a name'],
  ['firstname', 'a name'],
  ['lastname', 'a name'],
  ['fullname', 'a name'],
  ['givenname', 'a name'],
  ['familyname', 'a name'],
  ['middlename', 'a name'],
  ['maidenname', 'a name'],
  ['patientname', 'a name'],
  ['dateofbirth', 'a date of birth'],
  ['birthdate', 'a date of birth'],
  ['dob', 'a date of birth'],
  ['postcode', 'a postcode'],
  ['postalcode', 'a postcode'],
  ['zipcode', 'a postcode'],
  ['address', 'an address'],
  ['addressline', 'an address'],
  ['email', 'an email address'],
  ['phone', 'a phone number'],
  ['phonenumber', 'a phone number'],
  ['phoneno', 'a phone number'],
  ['mobile', 'a phone number'],
  ['mobilenumber', 'a phone number'],
  ['mobileno', 'a phone number'],
];

/** Names that identify only on their own: as endings they would catch `ward_name` or `hotel`. */
const WHOLE: ReadonlyMap<string, string> = new Map([
  ['name', 'a name'],
  ['tel', 'a phone number'],
  ['telno', 'a phone number'],
]);

/** The words of a name, lower case, with trailing numbering dropped (`Address Line 2` → address, line). */
export function nameWords(name: string): string[] {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word !== '');
  while (words.length > 0 && /^[0-9]+$/.test(words[words.length - 1] as string)) words.pop();
  const last = words.pop();
  if (last !== undefined) words.push(last.replace(/[0-9]+$/, ''));
  return words;
}

/**
 * What a field or column name would hold (e.g. `an NHS number`), or undefined when it is not
 * patient-identifiable.
 */
export function identifyingName(name: string): string | undefined {
  const key = nameWords(name).join('');
  const whole = WHOLE.get(key);
  if (whole !== undefined) return whole;
  for (const [ending, what] of ENDINGS) if (key.endsWith(ending)) return what;
  return undefined;
}

/** The language's message for a dataset field with an identifying name. */
export function identifyingFieldMessage(field: string, what: string): string {
  return `Field ${field} would hold ${what}, which is patient-identifiable and which Parity never stores: use a pseudonymous key (e.g. 'person: pseudonym') and derived fields such as an age band.`;
}

/** A feed's message for a column with an identifying name. */
export function identifyingColumnMessage(column: string, what: string): string {
  return `Column '${column}' holds ${what}, which is patient-identifiable: feeds must never carry it. Remove the column and identify people only by the pseudonymous key.`;
}
