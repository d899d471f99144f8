import { identifyingFieldMessage, identifyingName } from '@parity/engine';
import type { AstNode, ValidationAcceptor } from 'langium';
import {
  type AggregateReturn,
  type Dataset,
  type Field,
  isDatedByClause,
  isField,
  isOverTimeClause,
  type Organisation,
} from '../language/generated/ast.js';
import { overTimeOfClause } from '../language/parity-facts.js';
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
    checkOrder(field, accept);
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
  checkOverTime(dataset, accept);
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

/** `not before` orders two dates, or two date-times, of one row. */
function checkOrder(field: Field, accept: ValidationAcceptor): void {
  const earlier = field.notBefore?.ref;
  if (!earlier) return;
  const when = (type: string) => type === 'date' || type === 'datetime';
  const problem =
    earlier === field
      ? `Field ${field.name} cannot be ordered after itself: name another date of the row.`
      : !when(field.type) || earlier.type !== field.type
        ? `Field ${field.name} (${field.type}) is ordered after ${earlier.name} (${earlier.type}): order a date after a date, or a datetime after a datetime.`
        : undefined;
  if (problem)
    report(accept, 'error', IssueCodes.OrderMismatch, problem, { node: field, property: 'notBefore' });
}

/** What a row means over time, said once; record datasets hold events or snapshots. */
export function checkOverTime(source: Dataset | AggregateReturn, accept: ValidationAcceptor): void {
  const clauses = (source.members as AstNode[]).filter(isOverTimeClause);
  const what = source.$type === 'Dataset' ? 'Dataset' : 'Return';
  if (clauses.length === 0) {
    report(
      accept,
      'error',
      IssueCodes.MissingOverTime,
      `${what} ${source.name} does not say what a row means over time: add 'rows are events' (each row is something that happened; periods add up), 'rows are snapshots' (each feed is the state at the end of its period; the latest stands)${source.$type === 'Dataset' ? '' : ", 'rows are cumulative' (year-to-date figures) or 'rows are levels read as latest' (or 'average of months')"}.`,
      { node: source, property: 'name' },
    );
    return;
  }
  for (const extra of clauses.slice(1)) {
    report(
      accept,
      'error',
      IssueCodes.DuplicateClause,
      `${what} ${source.name} already says what its rows are.`,
      {
        node: extra,
      },
    );
  }
  const clause = clauses[0] as (typeof clauses)[number];
  const mismatch = (message: string) =>
    report(accept, 'error', IssueCodes.OverTimeMismatch, message, { node: clause, property: 'meaning' });
  if (source.$type === 'Dataset' && clause.meaning !== 'events' && clause.meaning !== 'snapshots')
    mismatch(
      `A record-level dataset's rows are events or snapshots, not ${clause.meaning}: report a ${clause.meaning} figure in an aggregate return.`,
    );
  if (clause.meaning === 'levels' && clause.reading === undefined)
    mismatch("Say how a level is read: 'rows are levels read as latest' or 'read as average of months'.");
  if (clause.meaning !== 'levels' && clause.reading !== undefined)
    report(
      accept,
      'error',
      IssueCodes.OverTimeMismatch,
      `Only levels are read in a declared way, not ${clause.meaning}.`,
      {
        node: clause,
        property: 'reading',
      },
    );
  if (overTimeOfClause(clause).reading === 'sum-of-weeks' && source.$type === 'Dataset')
    report(
      accept,
      'error',
      IssueCodes.OverTimeMismatch,
      "Only an aggregate return gives a level week by week; a dataset's rows are records: read its level as 'latest' or 'average of months', or make it an aggregate return.",
      { node: clause, property: 'reading' },
    );
  if (source.$type === 'Dataset' && clause.meaning === 'snapshots') {
    const dated = source.members.find(isDatedByClause);
    if (dated)
      report(
        accept,
        'error',
        IssueCodes.OverTimeMismatch,
        `Snapshots are the state at the end of the feed's period, so they are not dated by a field: remove 'dated by ${dated.field.$refText}' or make the rows events.`,
        { node: dated },
      );
  }
}
