/**
 * Column names that carry patient-identifiable data. Feeds carry a pseudonymous key instead, so a
 * column like these is refused whatever the dataset says: names are compared in lower case with
 * spaces, underscores and other punctuation removed ("NHS Number", "nhs_number", "Date of birth").
 */
const IDENTIFIERS = new Map<string, string>([
  ['nhsnumber', 'an NHS number'],
  ['nhsno', 'an NHS number'],
  ['nhsnum', 'an NHS number'],
  ['name', 'a name'],
  ['fullname', 'a name'],
  ['patientname', 'a name'],
  ['forename', 'a name'],
  ['forenames', 'a name'],
  ['firstname', 'a name'],
  ['givenname', 'a name'],
  ['surname', 'a name'],
  ['lastname', 'a name'],
  ['familyname', 'a name'],
  ['dateofbirth', 'a date of birth'],
  ['birthdate', 'a date of birth'],
  ['dob', 'a date of birth'],
  ['postcode', 'a postcode'],
  ['postalcode', 'a postcode'],
  ['address', 'an address'],
]);

/** What a column name identifies (e.g. "an NHS number"), or undefined when it is not patient-identifiable. */
export function identifyingColumn(column: string): string | undefined {
  const key = column.toLowerCase().replace(/[^a-z0-9]/g, '');
  return IDENTIFIERS.get(key) ?? (/^address(line)?[0-9]*$/.test(key) ? 'an address' : undefined);
}

export function identifyingMessage(column: string, what: string): string {
  return `Column '${column}' holds ${what}, which is patient-identifiable: feeds must never carry it. Remove the column and identify people only by the pseudonymous key.`;
}
