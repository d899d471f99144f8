import { dateProblem, readDate, readDateTimeText, type TimeZone } from '../calendar/index.js';
import type { DatasetField, FieldType } from '../model/measure.js';
import { identifyingValueAt, identifyingValueProblem } from './identifiable-values.js';
import { readBoolean, readDecimal, readInteger, readPence } from './numbers.js';
import { valueLimitProblem } from './value-limits.js';

/**
 * One codec per field type: how a cell's text (trimmed, never empty) becomes the value the engine
 * evaluates and a submission stores, and what the cell must hold when it does not. Money is integer
 * pence, decimals exact text, integers a number (text beyond 15 digits, which a double could not
 * hold), dates and date-times canonical text.
 */

/** A value read from a cell, as the engine holds it in a record row. */
export type CellValue = string | number | boolean;

/** A cell read by its field's codec: the value, or the problem, which names what was expected. */
export type CellReading = { ok: true; value: CellValue } | { ok: false; problem: string };

interface Codec {
  /** What a cell must hold, for messages. */
  cell: string;
  /** What a stored record's value must be (money is then pence), for the engine's messages. */
  stored: string;
  read(text: string): CellValue | undefined;
}

/** Text is held as it is; readCell refuses text that identifies a patient. */
const readText = (text: string): CellValue | undefined => text;

const CODECS: Record<FieldType, Codec> = {
  pseudonym: { cell: 'a pseudonymous key', stored: 'a pseudonymous key (text)', read: readText },
  text: { cell: 'text', stored: 'text', read: readText },
  code: { cell: 'a code', stored: 'a code (text)', read: readText },
  integer: {
    cell: 'a whole number',
    stored: 'a whole number',
    read: (text) => {
      const value = readInteger(text);
      if (value === undefined) return undefined;
      return (value.startsWith('-') ? value.length - 1 : value.length) <= 15 ? Number(value) : value;
    },
  },
  decimal: { cell: 'a decimal number', stored: 'a decimal number', read: readDecimal },
  money: {
    cell: 'an amount of money in pounds (12.50) or pence (1250p)',
    stored: 'integer pence (a whole number)',
    read: readPence,
  },
  boolean: { cell: 'true or false (yes/no, 1/0)', stored: 'true or false', read: readBoolean },
  date: { cell: 'a date written YYYY-MM-DD', stored: 'a date written YYYY-MM-DD', read: readDate },
  datetime: {
    cell: 'a date and time written YYYY-MM-DDTHH:MM, with seconds and a UTC offset if any',
    stored: 'a date-time written YYYY-MM-DDTHH:MM or YYYY-MM-DDTHH:MM:SS (UTC)',
    // Read with the dataset's zone in readCell; this reading is for UTC.
    read: (text) => {
      const reading = readDateTimeText(text);
      return reading.ok ? reading.text : undefined;
    },
  },
};

/** Whether values of a type are free text, and so checked for identifying data. */
export function isTextType(type: FieldType): boolean {
  return type === 'pseudonym' || type === 'text' || type === 'code';
}

/** What a cell of a field must hold, for messages (`one of A, B` for a field with codes). */
export function expectedCell(field: DatasetField): string {
  return field.codes ? `one of ${field.codes.join(', ')}` : CODECS[field.type].cell;
}

/** What a stored record's value of a field must be, for the engine's messages. */
export function expectedStoredValue(field: DatasetField): string {
  return field.codes ? `one of ${field.codes.join(', ')}` : CODECS[field.type].stored;
}

/** A cell's text quoted for a message, shortened when long. */
export function quoteCell(text: string): string {
  return JSON.stringify(text.length > 60 ? `${text.slice(0, 57)}...` : text);
}

/**
 * Reads a cell's text (trimmed, not empty) as its field's value; a date-time without an offset is
 * read in `zone` (the dataset's). A problem says what the cell must hold and quotes it, except when
 * the cell identifies a patient: that is never repeated.
 */
export function readCell(field: DatasetField, text: string, zone: TimeZone = 'UTC'): CellReading {
  // Whatever the column's type: an NHS number in a number column, a postcode in a date column.
  const identifies = identifyingValueAt(text);
  if (identifies !== undefined) return { ok: false, problem: identifyingValueProblem(identifies) };
  const outOfBounds = valueLimitProblem(field.type, text);
  if (isTextType(field.type)) {
    if (outOfBounds) return { ok: false, problem: outOfBounds };
    if (field.codes && !field.codes.includes(text)) return { ok: false, problem: mustBe(field, text) };
    return { ok: true, value: text };
  }
  if (field.type === 'datetime') {
    const reading = readDateTimeText(text, zone);
    if (reading.ok) return { ok: true, value: reading.text };
    // Text of the shape of a date-time is short, and quoted as the language quotes a literal.
    const shaped = !reading.problem.startsWith('must be');
    return {
      ok: false,
      problem: shaped ? `'${text}' ${reading.problem}` : `${reading.problem}, not ${quoteCell(text)}`,
    };
  }
  const value = CODECS[field.type].read(text);
  if (value !== undefined) return outOfBounds ? { ok: false, problem: outOfBounds } : { ok: true, value };
  return { ok: false, problem: calendarProblem(field.type, text) ?? mustBe(field, text) };
}

function mustBe(field: DatasetField, text: string): string {
  return `must be ${expectedCell(field)}, not ${quoteCell(text)}`;
}

/**
 * The calendar's own message (what the language says of such a literal) for a date written in the
 * canonical form but not in the calendar, without its closing full stop.
 */
function calendarProblem(type: FieldType, text: string): string | undefined {
  const shaped = type === 'date' ? DATE_SHAPE : undefined;
  if (shaped === undefined || !shaped.test(text)) return undefined;
  return dateProblem(text)?.slice(0, -1);
}

const DATE_SHAPE = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/;
