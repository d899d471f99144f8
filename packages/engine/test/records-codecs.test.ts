import { describe, expect, test } from 'vitest';
import { type DatasetField, expectedStoredValue, type FieldType, readCell } from '../src/index.js';

const field = (type: FieldType, codes?: string[]): DatasetField => ({
  name: 'x',
  type,
  optional: false,
  ...(codes ? { codes } : {}),
});
const readValue = (type: FieldType, text: string) => {
  const reading = readCell(field(type), text);
  return reading.ok ? reading.value : undefined;
};
const problemOf = (type: FieldType, text: string, codes?: string[]) => {
  const reading = readCell(field(type, codes), text);
  return reading.ok ? undefined : reading.problem;
};

describe('the codec of each field type', () => {
  test('a whole number is read as a number of at most 15 digits, never negative', () => {
    expect(readValue('integer', '+0042')).toBe(42);
    expect(readValue('integer', '-0')).toBe(0);
    expect(readValue('integer', '999999999999999')).toBe(999999999999999);
    expect(readValue('integer', '1234567890123456789')).toBeUndefined();
    expect(readValue('integer', '-3')).toBeUndefined();
  });

  test('a decimal is read as exact canonical text, of at most 15 digits each side of the point', () => {
    expect(readValue('decimal', '007.100')).toBe('7.1');
    expect(readValue('decimal', '-0.0')).toBe('0');
    expect(readValue('decimal', '-0.50')).toBe('-0.5');
    expect(readValue('decimal', `1.${'1'.repeat(16)}`)).toBeUndefined();
  });

  test('text, codes and pseudonyms keep their lengths, and a pseudonym looks like one', () => {
    expect(readValue('text', 'x'.repeat(1000))).toBe('x'.repeat(1000));
    expect(readValue('text', 'x'.repeat(1001))).toBeUndefined();
    expect(readValue('pseudonym', 'a1B2-c3_D4.e5:f6+g7/h8=')).toBe('a1B2-c3_D4.e5:f6+g7/h8=');
    for (const text of ['P'.repeat(129), 'Jane Smith', '-P1', 'P1,2'])
      expect(readValue('pseudonym', text)).toBeUndefined();
  });

  test('money is read as integer pence from pounds or pence', () => {
    expect(readValue('money', '£1,250.50')).toBe(125050);
    expect(readValue('money', '-3.2')).toBe(-320);
    expect(readValue('money', '1250p')).toBe(1250);
  });

  test('money with misplaced commas or three decimal places is refused', () => {
    for (const text of ['1,00', '12,0000', '1.234', '£', '12.'])
      expect(readValue('money', text)).toBeUndefined();
  });

  test('a boolean is true/false, yes/no or 1/0 in any case', () => {
    expect(['TRUE', 'yes', '1', 'False', 'NO', '0'].map((text) => readValue('boolean', text))).toEqual([
      true,
      true,
      true,
      false,
      false,
      false,
    ]);
  });

  test('a date-time is read in canonical form', () => {
    expect(readValue('datetime', '2026-05-01 10:00:00')).toBe('2026-05-01T10:00');
  });

  test('a cell of the wrong type says what the field must hold and quotes the cell', () => {
    expect(problemOf('integer', '12.5')).toBe('must be a whole number, not "12.5"');
    expect(problemOf('boolean', 'maybe')).toBe('must be true or false (yes/no, 1/0), not "maybe"');
  });

  test('a date not in the calendar is named as the language names it', () => {
    expect(problemOf('date', '2026-02-30')).toBe(
      "'2026-02-30' is not a calendar date: write a real date as YYYY-MM-DD",
    );
    expect(problemOf('datetime', '2026-05-01T25:00')).toBe(
      "'2026-05-01T25:00' has no such time of day: use 00:00 to 23:59:59",
    );
  });

  test('a date in another form says the form to write', () => {
    expect(problemOf('date', '05/05/2026')).toBe('must be a date written YYYY-MM-DD, not "05/05/2026"');
  });

  test('a code must be one of the field’s codes', () => {
    expect(problemOf('code', 'XX', ['ED', 'ward'])).toBe('must be one of ED, ward, not "XX"');
    expect(problemOf('code', 'ED', ['ED', 'ward'])).toBeUndefined();
  });

  test('a stored money value must be pence, not pounds', () => {
    expect(expectedStoredValue(field('money'))).toBe('integer pence (a whole number)');
  });
});
