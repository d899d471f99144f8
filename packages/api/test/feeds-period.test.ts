import { gunzipSync } from 'node:zlib';
import type { Dataset } from '@parity/engine';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { BlockWriter } from '../src/feeds/block-spool.js';
import { DatasetRows } from '../src/feeds/dataset-rows.js';
import { FeedErrors } from '../src/feeds/feed-errors.js';
import {
  csvOf,
  EPISODE_COLUMNS,
  episodeRow,
  FEEDS_TEST_CONTRACT,
  FEEDS_TEST_NAME,
} from './helpers/feeds-contract.js';
import {
  type FeedResponse,
  postFeed,
  publishContract,
  startTestService,
  storedCounts,
  type TestService,
} from './helpers/test-service.js';

/**
 * A feed is held to its period: every row dated in its month, every return figure for its month
 * (or the quarter or year the month falls in), a month that has begun, and at least one row. A
 * feed that breaks any of these is refused whole, and nothing of it is stored.
 */
let service: TestService;
let provider: string;
const RETURN_COLUMNS = ['measure', 'period', 'numerator', 'denominator', 'value', 'pence'];

beforeAll(async () => {
  service = await startTestService({ now: '2026-11-20T09:00:00.000Z' });
  await publishContract(service, await service.token('36J', 'commissioner'), [FEEDS_TEST_CONTRACT]);
  provider = await service.token('TAD', 'provider');
  // What stands before the bad feeds: May's episodes and October's staffed hours.
  const episodes = await send('Episodes', '2026-05', csvOf(EPISODE_COLUMNS, [episodeRow(1), episodeRow(2)]));
  const hours = await send(
    'QualityReturn',
    '2026-10',
    csvOf(RETURN_COLUMNS, [['StaffedHours', '2026-10', '', '', '160', '']]),
  );
  expect([episodes.status, hours.status]).toEqual([201, 201]);
});
afterAll(() => service.close());

function send(source: string, period: string, body: string, contentType = 'text/csv'): Promise<FeedResponse> {
  return postFeed(service, provider, { contract: FEEDS_TEST_NAME, source, period, body, contentType });
}

/** The submissions listed, the rows stored and the provider's position: all a refusal must leave as they were. */
async function whatIsStored() {
  const listed = await service.request(`/contracts/${FEEDS_TEST_NAME}/feeds`, { token: provider });
  const position = await service.request(`/contracts/${FEEDS_TEST_NAME}/position`, { token: provider });
  return { counts: await storedCounts(service), feeds: await listed.json(), position: await position.json() };
}

/** Sends a feed and expects it refused with exactly these errors (row, column, part of the message), nothing stored. */
async function expectRefused(
  feed: () => Promise<FeedResponse>,
  expected: [row: number, column: string, message: string][],
): Promise<void> {
  const before = await whatIsStored();
  const response = await feed();
  expect(response.status).toBe(422);
  expect(response.body.code).toBe('invalid-feed');
  const errors = response.body.details?.errors ?? [];
  expect(errors.map((e) => [e.row, e.column])).toEqual(expected.map(([row, column]) => [row, column]));
  for (const [i, [, , message]] of expected.entries()) expect(errors[i]?.message).toContain(message);
  expect(await whatIsStored()).toEqual(before);
}

const ndjson = (rows: readonly (readonly string[])[]) =>
  rows
    .map((row) => JSON.stringify(Object.fromEntries(EPISODE_COLUMNS.map((c, i) => [c, row[i] || null]))))
    .join('\n');

describe('a record-level feed dated by a field', () => {
  test("refuses a month's rows sent as another month's feed (plain CSV, the fast path)", async () => {
    await expectRefused(
      () => send('Episodes', '2026-11', csvOf(EPISODE_COLUMNS, [episodeRow(3)])),
      [
        [
          1,
          'referred_at',
          "Row 1, column 'referred_at': 2026-05-04T10:03 is in 2026-05, but this feed is for 2026-11: every row must be dated in the feed's month, so send it in the feed for 2026-05.",
        ],
      ],
    );
  });

  test('refuses a feed with one row dated the day after its month, though the others are good (NDJSON)', async () => {
    const rows = [
      episodeRow(1, {}, '2026-06'),
      episodeRow(2, { referred_at: '2026-07-01T00:00' }, '2026-06'),
    ];
    await expectRefused(
      () => send('Episodes', '2026-06', ndjson(rows), 'application/x-ndjson'),
      [[2, 'referred_at', '2026-07-01T00:00 is in 2026-07, but this feed is for 2026-06']],
    );
  });

  test('refuses a row dated the minute before its month, with a quoted cell (the careful path)', async () => {
    const late = { referred_at: '2026-05-31T23:59', note: 'seen, then discharged' };
    const rows = [episodeRow(8, {}, '2026-06'), episodeRow(9, late, '2026-06')];
    await expectRefused(
      () => send('Episodes', '2026-06', csvOf(EPISODE_COLUMNS, rows)),
      [[2, 'referred_at', 'send it in the feed for 2026-05']],
    );
  });

  test('refuses a row dated outside the contract term, naming the term and the feed', async () => {
    const rows = [episodeRow(1, { referred_at: '2026-03-31T23:59' }, '2026-04')];
    await expectRefused(
      () => send('Episodes', '2026-04', csvOf(EPISODE_COLUMNS, rows)),
      [
        [
          1,
          'referred_at',
          '2026-03-31T23:59 is outside the contract term (2026-04 to 2027-03); this feed is for 2026-04 and every row must be dated in it',
        ],
      ],
    );
  });
});

describe('an aggregate return', () => {
  test("refuses a row for another month: September's figures in October's feed", async () => {
    const body = csvOf(RETURN_COLUMNS, [
      ['StaffedHours', '2026-10', '', '', '170', ''],
      ['StaffedHours', '2026-09', '', '', '150', ''],
    ]);
    await expectRefused(
      () => send('QualityReturn', '2026-10', body),
      [
        [
          2,
          'period',
          "Row 2, column 'period': 2026-09 is not in this feed's period: a feed for 2026-10 gives figures for 2026-10, its quarter 2026/27 Q3 or its year 2026/27, so send these in the feed for 2026-09.",
        ],
      ],
    );
  });

  test('refuses a row for a quarter the month is not in (JSON)', async () => {
    const rows = [{ measure: 'CarePlansReviewed', period: '2026/27 Q2', numerator: 40, denominator: 50 }];
    await expectRefused(
      () => send('QualityReturn', '2026-10', JSON.stringify(rows), 'application/json'),
      [[1, 'period', 'so send these in a feed for a month of 2026/27 Q2']],
    );
  });
});

describe('the period itself', () => {
  test('refuses a feed for a month that has not begun', async () => {
    await expectRefused(
      () => send('Episodes', '2026-12', csvOf(EPISODE_COLUMNS, [episodeRow(1, {}, '2026-12')])),
      [
        [
          0,
          'period',
          'The period 2026-12 has not begun: today is 2026-11-20, so the latest month a feed can be sent for is 2026-11.',
        ],
      ],
    );
  });
});

describe('an upload with no rows', () => {
  const NO_ROWS =
    "The feed has no rows: an empty feed is not accepted, as it would replace the month's figures with none. Send the month's rows; to correct a feed, send the whole corrected feed again, which supersedes it.";

  test.each([
    ['a CSV with only its header', 'Episodes', `${EPISODE_COLUMNS.join(',')}\n`, 'text/csv'],
    ['an empty JSON array', 'Episodes', '[]', 'application/json'],
    ['an empty NDJSON body', 'Episodes', '\n', 'application/x-ndjson'],
    ['a return with only its header', 'QualityReturn', `${RETURN_COLUMNS.join(',')}\n`, 'text/csv'],
  ])('refuses %s instead of emptying the month', async (_, source, body, contentType) => {
    await expectRefused(() => send(source, '2026-05', body, contentType), [[0, '', NO_ROWS]]);
  });
});

describe('a feed held to its period', () => {
  test('is accepted for the current month, with its rows dated in it', async () => {
    const rows = [
      episodeRow(1, {}, '2026-11'),
      episodeRow(2, { referred_at: '2026-11-01T00:00' }, '2026-11'),
    ];
    const response = await send('Episodes', '2026-11', csvOf(EPISODE_COLUMNS, rows));
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ period: '2026-11', rows: 2 });
  });

  test("is accepted for a return giving the month's figures and its quarter's and year's", async () => {
    const body = csvOf(RETURN_COLUMNS, [
      ['StaffedHours', '2026-10', '', '', '170', ''],
      ['CarePlansReviewed', '2026/27 Q3', '40', '50', '', ''],
    ]);
    const response = await send('QualityReturn', '2026-10', body);
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ period: '2026-10', rows: 2 });
  });
});

describe('a dataset dated by a date (as SpendLines by posted_on)', () => {
  const at = { file: 'test.parity', line: 1, column: 1, endLine: 1, endColumn: 1 };
  const spend: Dataset = {
    name: 'SpendLines',
    title: 'Spend lines',
    datedBy: 'posted_on',
    overTime: { meaning: 'events' },
    location: at,
    fields: [
      { name: 'line', type: 'pseudonym', optional: false },
      { name: 'posted_on', type: 'date', optional: false },
      { name: 'amount', type: 'money', optional: false },
    ],
  };

  async function read(line: string, path: 'fast' | 'careful') {
    const errors = new FeedErrors();
    const writer = new BlockWriter();
    const rows = new DatasetRows(spend, { start: '2026-04', end: '2027-03' }, '2026-11', errors, writer);
    expect(rows.acceptHeader(['line', 'posted_on', 'amount'])).toBe(true);
    if (path === 'fast') rows.readLine(line, 0, line.length, 1);
    else rows.readCells(line.split(','), 1);
    let stored = 0;
    for await (const block of (await writer.finish()).blocks())
      stored += gunzipSync(block.data).toString('utf8').trim().split('\n').length - 1;
    return { stored, errors: errors.listed };
  }

  test("refuses April's spend sent as November's, on both paths alike", async () => {
    const line = 'L1,2026-04-12,125.00';
    const expected = {
      stored: 0,
      errors: [
        {
          row: 1,
          column: 'posted_on',
          message:
            "Row 1, column 'posted_on': 2026-04-12 is in 2026-04, but this feed is for 2026-11: every row must be dated in the feed's month, so send it in the feed for 2026-04.",
        },
      ],
    };
    expect(await read(line, 'fast')).toEqual(expected);
    expect(await read(line, 'careful')).toEqual(expected);
  });

  test("keeps November's spend on both paths", async () => {
    for (const path of ['fast', 'careful'] as const)
      expect(await read('L1,2026-11-30,125.00', path)).toEqual({ stored: 1, errors: [] });
  });
});

describe('a snapshot', () => {
  test('refuses a person twice in one snapshot, naming both rows, and stores nothing', async () => {
    const body =
      'person,registered_on,smoker\nC-001,2025-01-10,true\nC-002,2025-02-11,false\nC-001,2025-01-10,true\n';
    await expectRefused(
      () => send('Caseload', '2026-10', body),
      [[3, 'person', '"C-001" is already in this snapshot, at row 1: a person appears once in a snapshot']],
    );
  });

  test('takes the same person in the next month, which is another snapshot', async () => {
    const body = 'person,registered_on,smoker\nC-001,2025-01-10,true\nC-002,2025-02-11,false\n';
    expect((await send('Caseload', '2026-09', body)).status).toBe(201);
    expect((await send('Caseload', '2026-10', body)).status).toBe(201);
  });
});
