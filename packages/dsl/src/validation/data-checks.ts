import type { ValidationAcceptor } from 'langium';
import { type Dataset, isDatedByClause, isField, type Organisation } from '../language/generated/ast.js';
import { IssueCodes } from './issue-codes.js';
import { report } from './report.js';

// Trusts and ICBs have 3 characters, sites 5, GP practices 6 (e.g. B86001).
const ODS_CODE = /^[A-Z0-9]{3,6}$/;

export function checkOrganisation(organisation: Organisation, accept: ValidationAcceptor): void {
  if (!ODS_CODE.test(organisation.ods)) {
    report(
      accept,
      'error',
      IssueCodes.InvalidOdsCode,
      `"${organisation.ods}" is not an ODS code: use the 3–6 capital letters and digits the Organisation Data Service gives, e.g. "RXT".`,
      { node: organisation, property: 'ods' },
    );
  }
}

/** Field names that would carry patient-identifiable data, which feeds must never hold. */
const IDENTIFIABLE = new Map<string, string>([
  ['nhs_number', 'NHS number'],
  ['nhsnumber', 'NHS number'],
  ['name', 'name'],
  ['forename', 'name'],
  ['surname', 'name'],
  ['patient_name', 'name'],
  ['date_of_birth', 'date of birth'],
  ['dob', 'date of birth'],
  ['birth_date', 'date of birth'],
  ['postcode', 'postcode'],
  ['post_code', 'postcode'],
  ['address', 'address'],
]);

export function checkDataset(dataset: Dataset, accept: ValidationAcceptor): void {
  const seen = new Set<string>();
  for (const field of dataset.members.filter(isField)) {
    if (seen.has(field.name)) {
      report(
        accept,
        'error',
        IssueCodes.DuplicateName,
        `Dataset ${dataset.name} already has a field ${field.name}: rename one of them.`,
        { node: field, property: 'name' },
      );
    }
    seen.add(field.name);
    const identifiable = IDENTIFIABLE.get(field.name.toLowerCase());
    if (identifiable) {
      report(
        accept,
        'error',
        IssueCodes.PatientIdentifiableField,
        `Field ${field.name} would hold a patient's ${identifiable}, which Parity never stores: use a pseudonymous key (e.g. 'person: pseudonym') and derived fields such as an age band.`,
        { node: field, property: 'name' },
      );
    }
    if (field.codes.length > 0 && field.type !== 'code') {
      report(
        accept,
        'error',
        IssueCodes.TypeMismatch,
        `Field ${field.name} lists allowed codes but is of type ${field.type}: make it 'code'.`,
        { node: field, property: 'type' },
      );
    }
  }
  for (const clause of dataset.members.filter(isDatedByClause)) {
    const field = clause.field.ref;
    if (field && field.type !== 'date' && field.type !== 'datetime') {
      report(
        accept,
        'error',
        IssueCodes.DatedByNotDate,
        `Records are dated by ${field.name}, which is ${field.type}: name a date or datetime field.`,
        { node: clause, property: 'field' },
      );
    }
  }
}
