import { identifyingFieldMessage, identifyingName } from '@parity/engine';
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
    // The engine's one rule, which the service's feed path also applies to every column.
    const identifies = identifyingName(field.name);
    if (identifies !== undefined) {
      report(
        accept,
        'error',
        IssueCodes.PatientIdentifiableField,
        identifyingFieldMessage(field.name, identifies),
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
