import { gunzipSync } from 'node:zlib';
import type { Dataset } from '@parity/engine';
import { describe, expect, test } from 'vitest';
import { BlockWriter } from '../src/feeds/block-spool.js';
import { DatasetRows } from '../src/feeds/dataset-rows.js';
import { FastRowEncoder, fastColumn } from '../src/feeds/fast-row.js';
import { FeedErrors } from '../src/feeds/feed-errors.js';

/**
 * Plain CSV lines take a fast path that writes JSON straight into the block; anything it does not
 * accept goes the careful way. Both must store the same thing, and refuse the same things.
 */
const at = { file: 'test.parity', line: 1, column: 1, endLine: 1, endColumn: 1 };
const dataset: Dataset = {
  name: 'Everything',
  title: 'Every field type',
  datedBy: 'when',
  overTime: { meaning: 'events' },
  location: at,
  fields: [
    { name: 'key', type: 'pseudonym', optional: false },
    { name: 'when', type: 'datetime', optional: false },
    { name: 'day', type: 'date', optional: true },
    { name: 'count', type: 'integer', optional: true },
    { name: 'amount', type: 'decimal', optional: true },
    { name: 'cost', type: 'money', optional: true },
    { name: 'flag', type: 'boolean', optional: true },
    { name: 'setting', type: 'code', optional: true, codes: ['ED', 'ward', 'out patient'] },
    { name: 'note', type: 'text', optional: true },
  ],
};
const header = dataset.fields.map((f) => f.name);

async function stored(line: string, path: 'fast' | 'careful'): Promise<{ json?: unknown; errors: string[] }> {
  const errors = new FeedErrors();
  const writer = new BlockWriter();
  const rows = new DatasetRows(dataset, { start: '2026-04', end: '2027-03' }, '2026-05', errors, writer);
  expect(rows.acceptHeader(header)).toBe(true);
  if (path === 'fast') rows.readLine(`x${line}y`, 1, line.length + 1, 1);
  else rows.readCells(line.split(','), 1);
  const spool = await writer.finish();
  const blocks = [];
  for await (const block of spool.blocks()) blocks.push(block);
  const lines = blocks.flatMap((b) => gunzipSync(b.data).toString('utf8').trim().split('\n').slice(1));
  return {
    json: lines[0] === undefined ? undefined : JSON.parse(lines[0]),
    errors: errors.listed.map((e) => e.message),
  };
}

const base = {
  key: 'P1',
  when: '2026-05-01T10:00',
  day: '',
  count: '',
  amount: '',
  cost: '',
  flag: '',
  setting: '',
  note: '',
};
const lineWith = (values: Partial<typeof base>) =>
  header.map((name) => ({ ...base, ...values })[name as keyof typeof base]).join(',');

type Values = Partial<typeof base>;

describe('the fast path stores what the careful path stores', () => {
  test.each<[string, ...Values[]]>([
    [
      'canonical values',
      {
        day: '2026-05-02',
        count: '42',
        amount: '70.5',
        cost: '12.50',
        flag: 'true',
        setting: 'ED',
        note: 'seen',
      },
    ],
    ['negative numbers', { count: '-7', amount: '-0.25', cost: '-3.2' }],
    ['zeros', { count: '0', amount: '0', cost: '0', flag: '0' }],
    ['a negative zero', { amount: '-0', cost: '-0.00', count: '-0' }],
    ['leading zeros and a plus sign', { count: '007', amount: '+01.50', cost: '+012' }],
    ['trailing zeros in a decimal', { amount: '70.500' }],
    ['whole pounds and pence', { cost: '1250' }, { cost: '1250p' }],
    ['pounds with a sign and commas', { cost: '£1,250.00' }],
    ['booleans in other words and cases', { flag: 'yes' }, { flag: 'No' }, { flag: 'TRUE' }, { flag: '1' }],
    ['a code with a space', { setting: 'out patient' }],
    ['text with spaces around it', { note: ' spaced ' }, { key: ' P1' }],
    ['text with a backslash', { note: 'a\\b' }],
    ['text beyond ASCII', { note: 'café £5' }],
    [
      'a date-time written with a space or seconds',
      { when: '2026-05-01 10:00' },
      { when: '2026-05-01T10:00:00' },
    ],
    ['sixteen-digit integers', { count: '1234567890123456' }, { count: '123456789012345' }],
    [
      'a datetime on the first and last minutes of the month',
      { when: '2026-05-01T00:00' },
      { when: '2026-05-31T23:59' },
    ],
  ])('%s', async (_, ...cases) => {
    for (const values of cases) {
      const line = lineWith(values);
      expect(await stored(line, 'fast'), line).toEqual(await stored(line, 'careful'));
    }
  });
});

describe('the fast path refuses what the careful path refuses, with its messages', () => {
  test.each([
    ['a row dated outside the term', { when: '2026-03-31T23:59' }],
    ["a row dated before the feed's month", { when: '2026-04-30T23:59' }],
    ["a row dated after the feed's month", { when: '2026-06-01T00:00' }],
    ['a missing required value', { key: '' }],
    ['a bad date', { day: '2026-02-29' }],
    ['a bad time', { when: '2026-05-01T24:00' }],
    ['a code not allowed', { setting: 'ed' }],
    ['too many pence', { cost: '1.005' }],
    ['a word for a boolean', { flag: 'maybe' }],
  ])('%s', async (_, values) => {
    const line = lineWith(values);
    const fast = await stored(line, 'fast');
    expect(fast.errors).toHaveLength(1);
    expect(fast).toEqual(await stored(line, 'careful'));
  });

  test('a row with too few cells', async () => {
    const fast = await stored('P1,2026-05-01T10:00', 'fast');
    expect(fast.errors).toEqual(['Row 1 has 2 cells, but the header has 9 columns.']);
  });
});

test('writes canonical values straight to JSON, and gives up on anything else', () => {
  const encoder = new FastRowEncoder(
    dataset.fields.map((field) => fastColumn(field, field.name === 'when')),
    '2026-05',
  );
  const encode = (line: string) => {
    const out = new Uint8Array(1024);
    const end = encoder.encode(line, 0, line.length, out, 0);
    return end < 0 ? undefined : new TextDecoder().decode(out.subarray(0, end));
  };
  expect(
    encode(
      lineWith({ day: '2026-05-02', count: '42', amount: '70.5', cost: '12.5', flag: 'no', setting: 'ED' }),
    ),
  ).toBe('["P1","2026-05-01T10:00","2026-05-02",42,"70.5",1250,false,"ED",null]');
  expect(encode(lineWith({ cost: '£12.50' }))).toBeUndefined();
  expect(encode(lineWith({ flag: 'Yes' }))).toBeUndefined();
});
