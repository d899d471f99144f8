import ExcelJS from 'exceljs';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { problemOf } from '../src/feeds/ingest.js';
import {
  csvOf,
  EPISODE_COLUMNS,
  episodeRow,
  FEEDS_TEST_CONTRACT,
  FEEDS_TEST_NAME,
} from './helpers/feeds-contract.js';
import {
  postFeed,
  publishContract,
  startTestService,
  storedCounts,
  type TestService,
} from './helpers/test-service.js';

/**
 * Every value keeps its type's bounds (the engine's value-limits rule): a refusal names the row and
 * column, stores nothing, and never repeats a value that may identify someone.
 */

let service: TestService;
let tad: string;
beforeAll(async () => {
  service = await startTestService();
  await publishContract(service, await service.token('36J', 'commissioner'), [FEEDS_TEST_CONTRACT]);
  tad = await service.token('TAD', 'provider');
});
afterAll(() => service.close());

const LONG_KEY = 'P'.repeat(999_000);

test.each([
  ['a pseudonym of 999,000 characters', { person: LONG_KEY }, 'person', 'at most 128'],
  [
    'a pseudonym that is a name and address',
    { person: 'Jane Smith 12 Acacia Avenue' },
    'person',
    'pseudonymous key',
  ],
  ['a negative age', { age: '-5' }, 'age', 'must be 0 or more'],
  ['an age of 400 digits', { age: '9'.repeat(400) }, 'age', 'more than 15 digits'],
  [
    'a weight of 40 digits',
    { weight_kg: `${'7'.repeat(20)}.${'5'.repeat(20)}` },
    'weight_kg',
    'more than 15 digits',
  ],
  ['a note of 100,000 characters', { note: 'x'.repeat(100_000) }, 'note', 'at most 1,000'],
])('%s is refused, naming row and column, and nothing is stored', async (_what, cells, column, says) => {
  const before = await storedCounts(service);
  for (const plain of [true, false]) {
    // A plain row takes the fast path, a quoted one the careful path: both refuse the same.
    const rows = [episodeRow(1, {}, '2026-05'), episodeRow(2, cells, '2026-05')];
    const body = plain
      ? csvOf(EPISODE_COLUMNS, rows)
      : `${EPISODE_COLUMNS.join(',')}\n${rows.map((row) => row.map((cell) => `"${cell}"`).join(',')).join('\n')}\n`;
    const response = await postFeed(service, tad, {
      contract: FEEDS_TEST_NAME,
      source: 'Episodes',
      period: '2026-05',
      body,
    });
    expect(response.status).toBe(422);
    expect(response.body.details?.errors).toEqual([
      { row: 2, column, message: expect.stringContaining(says) },
    ]);
    const text = JSON.stringify(response.body);
    expect(text).not.toContain('Acacia');
    expect(text.length).toBeLessThan(2_000);
  }
  expect(await storedCounts(service)).toEqual(before);
});

test('a money credit and a decimal change may be negative, and values within bounds are stored', async () => {
  const response = await postFeed(service, tad, {
    contract: FEEDS_TEST_NAME,
    source: 'Episodes',
    period: '2026-06',
    body: csvOf(EPISODE_COLUMNS, [
      episodeRow(
        1,
        { cost: '-12.50', age: '0', weight_kg: '0.5', person: 'a1B2-c3_D4.e5:f6+g7/h8=' },
        '2026-06',
      ),
      episodeRow(2, { age: '999999999999999', person: 'Q'.repeat(128), note: 'n'.repeat(1000) }, '2026-06'),
    ]),
  });
  expect(response.status).toBe(201);
});

test.each([
  ['JSON', 'application/json', (row: string) => `[${row}]`],
  ['NDJSON', 'application/x-ndjson', (row: string) => `${row}\n`],
])('a %s row with a column twice is refused, naming the row', async (_what, contentType, wrap) => {
  const before = await storedCounts(service);
  const row =
    '{"person":"P1","referred_at":"2026-05-02T10:00","setting":"ED","age":30,"self_harm":false,"person":"P2"}';
  const response = await postFeed(service, tad, {
    contract: FEEDS_TEST_NAME,
    source: 'Episodes',
    period: '2026-05',
    contentType,
    body: wrap(row),
  });
  expect(response.status).toBe(422);
  expect(response.body.details?.errors).toEqual([
    expect.objectContaining({ row: 1, message: expect.stringContaining('"person" twice') }),
  ]);
  expect(await storedCounts(service)).toEqual(before);
});

test('a spreadsheet date cell holding a time of day is refused for a date field, not cut to its day', async () => {
  const before = await storedCounts(service);
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Episodes');
  sheet.addRow(EPISODE_COLUMNS);
  sheet.addRow(['P1', new Date(Date.UTC(2026, 4, 1, 9, 30)), new Date(Date.UTC(2026, 4, 2)), 'ED', 42, true]);
  sheet.addRow([
    'P2',
    new Date(Date.UTC(2026, 4, 3, 8)),
    new Date(Date.UTC(2026, 4, 3, 14, 45)),
    'ED',
    40,
    false,
  ]);
  const response = await postFeed(service, tad, {
    contract: FEEDS_TEST_NAME,
    source: 'Episodes',
    period: '2026-05',
    body: new Uint8Array(await workbook.xlsx.writeBuffer()),
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  });
  expect(response.status).toBe(422);
  expect(response.body.details?.errors).toEqual([
    { row: 2, column: 'assessed_on', message: expect.stringContaining('2026-05-03T14:45') },
  ]);
  expect(await storedCounts(service)).toEqual(before);
});

test('a fault inside a parser is refused in words a submitter can act on, never with the service internals', () => {
  const internal = problemOf(new TypeError("Cannot read properties of undefined (reading 'sheets')"), 'xlsx');
  expect(internal).toBe(
    'The body cannot be read as an XLSX workbook: save it again from the spreadsheet as .xlsx and send that.',
  );
  expect(problemOf(new Error('end of central directory not found'), 'xlsx')).toContain(
    '(end of central directory not found)',
  );
  expect(problemOf(new RangeError('Invalid array length'), 'csv')).toBe(
    'The feed cannot be read: send it again as UTF-8 CSV.',
  );
});
