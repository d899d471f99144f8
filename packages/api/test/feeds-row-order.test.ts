import { afterAll, beforeAll, expect, test } from 'vitest';
import { csvOf, EPISODE_COLUMNS, episodeRow, FEEDS_TEST_CONTRACT } from './helpers/feeds-contract.js';
import {
  postFeed,
  publishContract,
  startTestService,
  storedCounts,
  type TestService,
} from './helpers/test-service.js';

/**
 * A dataset may declare an order within a row (`left_on: date? not before assessed_on`): a row
 * whose episode ends before its assessment is refused, naming row and column, on the fast path
 * (plain CSV) and the careful one (quoted CSV, JSON) alike, and nothing is stored.
 */

const CONTRACT = {
  path: 'test/ordered.parity',
  text: FEEDS_TEST_CONTRACT.text
    .replace(
      '  assessed_on: date? "When the person was assessed"\n',
      '  assessed_on: date? "When the person was assessed"\n  left_on: date? not before assessed_on "When the episode ended"\n',
    )
    .replace('contract FeedsTest "Feeds test contract 2026/27"', 'contract OrderedTest "Ordered rows"'),
};
const NAME = 'test.feeds.OrderedTest';
const COLUMNS = [...EPISODE_COLUMNS, 'left_on'];

let service: TestService;
let tad: string;
beforeAll(async () => {
  expect(CONTRACT.text).toContain('not before assessed_on');
  service = await startTestService();
  await publishContract(service, await service.token('36J', 'commissioner'), [CONTRACT]);
  tad = await service.token('TAD', 'provider');
});
afterAll(() => service.close());

/** An even-numbered row (assessed on its day of May) that ended on `left`. */
const row = (n: number, left: string) => [...episodeRow(n, {}, '2026-05'), left];

test.each([
  ['plain CSV (the fast path)', (rows: string[][]) => csvOf(COLUMNS, rows), 'text/csv'],
  [
    'quoted CSV (the careful path)',
    (rows: string[][]) =>
      `${COLUMNS.join(',')}\n${rows.map((r) => r.map((c) => `"${c}"`).join(',')).join('\n')}\n`,
    'text/csv',
  ],
  [
    'NDJSON',
    (rows: string[][]) =>
      `${rows.map((r) => JSON.stringify(Object.fromEntries(COLUMNS.map((c, i) => [c, r[i] === '' ? null : r[i]])))).join('\n')}\n`,
    'application/x-ndjson',
  ],
])('%s: an episode that ends before its assessment is refused', async (_what, body, contentType) => {
  const before = await storedCounts(service);
  // Row 2 (n = 4) was assessed on 2026-05-05 and ended on 2026-05-04.
  const rows = [row(2, '2026-05-03'), row(4, '2026-05-04'), row(6, '2026-05-07'), row(1, '2026-05-01')];
  const response = await postFeed(service, tad, {
    contract: NAME,
    source: 'Episodes',
    period: '2026-05',
    contentType,
    body: body(rows),
  });
  expect(response.status).toBe(422);
  expect(response.body.details?.errors).toEqual([
    {
      row: 2,
      column: 'left_on',
      message:
        "Row 2, column 'left_on': comes before assessed_on in the same row, and left_on may not be before assessed_on.",
    },
  ]);
  expect(await storedCounts(service)).toEqual(before);
});

test('the same day, a later day, or either date missing is in order, and stored', async () => {
  const response = await postFeed(service, tad, {
    contract: NAME,
    source: 'Episodes',
    period: '2026-06',
    body: csvOf(COLUMNS, [
      [...episodeRow(2, {}, '2026-06'), '2026-06-03'],
      [...episodeRow(4, {}, '2026-06'), '2026-06-30'],
      [...episodeRow(1, {}, '2026-06'), '2026-06-01'],
      [...episodeRow(6, {}, '2026-06'), ''],
    ]),
  });
  expect(response.status).toBe(201);
  expect(response.body.rows).toBe(4);
});
