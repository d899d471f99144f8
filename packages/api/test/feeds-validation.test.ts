import { afterAll, beforeAll, describe, expect, test } from 'vitest';
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

let service: TestService;
let provider: string;

beforeAll(async () => {
  service = await startTestService();
  await publishContract(service, await service.token('36J', 'commissioner'), [FEEDS_TEST_CONTRACT]);
  provider = await service.token('TAD', 'provider');
});
afterAll(() => service.close());

const episodes = (body: string, period = '2026-05') =>
  postFeed(service, provider, { contract: FEEDS_TEST_NAME, source: 'Episodes', period, body });
const caseload = (body: string, period = '2026-05') =>
  postFeed(service, provider, { contract: FEEDS_TEST_NAME, source: 'Caseload', period, body });
const quality = (body: string, period = '2026-06') =>
  postFeed(service, provider, { contract: FEEDS_TEST_NAME, source: 'QualityReturn', period, body });

/** Expects a 422 invalid-feed listing exactly these errors (row, column, and a part of the message). */
function expectRefused(
  response: FeedResponse,
  expected: [row: number, column: string, message: string][],
): void {
  expect(response.status).toBe(422);
  expect(response.body.code).toBe('invalid-feed');
  const errors = response.body.details?.errors ?? [];
  expect(errors.map((e) => [e.row, e.column])).toEqual(expected.map(([row, column]) => [row, column]));
  for (const [i, [, , message]] of expected.entries()) expect(errors[i]?.message).toContain(message);
  expect(response.body.details?.total).toBe(expected.length);
}

const withCell = (column: string, value: string) =>
  csvOf(EPISODE_COLUMNS, [episodeRow(1), episodeRow(2, { [column]: value })]);

describe('the header', () => {
  test('refuses a column that is not a field of the dataset', async () => {
    expectRefused(await episodes(csvOf([...EPISODE_COLUMNS, 'ward_name'], [[...episodeRow(1), 'Oak']])), [
      [0, 'ward_name', "Column 'ward_name' is not a field of test.feeds.Episodes"],
    ]);
  });

  test('refuses a header without one of the fields, even an optional one', async () => {
    const columns = EPISODE_COLUMNS.filter((c) => c !== 'note');
    expectRefused(await episodes(csvOf(columns, [episodeRow(1).slice(0, -1)])), [
      [0, 'note', "Column 'note' is missing"],
    ]);
  });

  test('refuses patient-identifiable columns however they are written', async () => {
    const pii = [
      'NHS Number',
      'nhs_no',
      'Name',
      'forename',
      'SURNAME',
      'Date of Birth',
      'DOB',
      'post code',
      'Address',
    ];
    const response = await episodes(
      csvOf([...EPISODE_COLUMNS, ...pii], [[...episodeRow(1), ...pii.map(() => 'x')]]),
    );
    expectRefused(
      response,
      pii.map((column): [number, string, string] => [0, column, 'patient-identifiable']),
    );
    expect(response.body.details?.errors[0]?.message).toContain('holds an NHS number');
    expect(response.body.details?.errors[5]?.message).toContain('holds a date of birth');
  });

  test('refuses a column given twice', async () => {
    expectRefused(await episodes(csvOf([...EPISODE_COLUMNS, 'age'], [[...episodeRow(1), '40']])), [
      [0, 'age', "Column 'age' appears twice"],
    ]);
  });

  test('accepts the fields in any order', async () => {
    const reversed = [...EPISODE_COLUMNS].reverse();
    const response = await episodes(
      csvOf(reversed, [[...episodeRow(1)].reverse(), [...episodeRow(2, { age: 'old' })].reverse()]),
    );
    expectRefused(response, [[2, 'age', 'must be a whole number, not "old"']]);
  });

  test('refuses an empty feed', async () => {
    expectRefused(await episodes(''), [[0, '', 'The feed is empty']]);
  });
});

describe('typed values', () => {
  test.each([
    ['age', '12.5', 'must be a whole number, not "12.5"'],
    ['weight_kg', '70kg', 'must be a decimal number, not "70kg"'],
    ['self_harm', 'maybe', 'must be true or false (yes/no, 1/0), not "maybe"'],
    ['assessed_on', '2026-02-30', "'2026-02-30' is not a calendar date: write a real date as YYYY-MM-DD."],
    ['assessed_on', '05/05/2026', 'must be a date written YYYY-MM-DD, not "05/05/2026"'],
    ['referred_at', '2026-05-01T25:00', "'2026-05-01T25:00' has no such time of day: use 00:00 to 23:59:59."],
    ['referred_at', '2026-05-01T10:00:30.5', 'gives a fraction of a second: give whole seconds'],
    ['referred_at', '2026-05-01T10:00+15:00', 'has an offset that is not one'],
    ['referred_at', '01/05/2026 10:00', 'must be a date and time written YYYY-MM-DDTHH:MM'],
    ['cost', '12.505', 'must be an amount of money in pounds (12.50) or pence (1250p), not "12.505"'],
    ['cost', '£12,50', 'must be an amount of money'],
    ['setting', 'home', 'must be one of ED, ward, outpatient, not "home"'],
  ])('refuses %s = %s', async (column, value, message) => {
    expectRefused(await episodes(withCell(column, value)), [[2, column, message]]);
  });

  test('refuses a row without a value for a required field', async () => {
    expectRefused(await episodes(withCell('age', '')), [[2, 'age', 'a value is required']]);
  });

  test('refuses a row with the wrong number of cells', async () => {
    const body = `${EPISODE_COLUMNS.join(',')}\n${episodeRow(1).join(',')}\n${episodeRow(2).slice(0, 5).join(',')}\n`;
    expectRefused(await episodes(body), [[2, '', 'Row 2 has 5 cells, but the header has 9 columns']]);
  });

  test('refuses a quoted cell that is never closed', async () => {
    const body = `${EPISODE_COLUMNS.join(',')}\n${episodeRow(1).join(',')}\n"P2,2026-05-02T10:00\n`;
    expectRefused(await episodes(body), [[2, '', 'a quoted cell is not closed']]);
  });

  test('stops reading a row that never ends', async () => {
    const body = `${EPISODE_COLUMNS.join(',')}\n"P1,${'x'.repeat(1_200_000)}`;
    expectRefused(await episodes(body), [[0, '', 'A row is longer than 1,000,000 characters']]);
  });

  test('lists every error of a row and of later rows', async () => {
    const body = csvOf(EPISODE_COLUMNS, [
      episodeRow(1, { age: 'x', self_harm: 'x' }),
      episodeRow(2),
      episodeRow(3, { setting: 'x' }),
    ]);
    expectRefused(await episodes(body), [
      [1, 'age', 'whole number'],
      [1, 'self_harm', 'true or false'],
      [3, 'setting', 'one of ED'],
    ]);
  });
});

describe('periods and dates', () => {
  test('refuses a period outside the contract term', async () => {
    expectRefused(await episodes(csvOf(EPISODE_COLUMNS, [episodeRow(1)]), '2027-04'), [
      [0, 'period', 'The period 2027-04 is outside the contract term 2026-04 to 2027-03'],
    ]);
  });

  test('refuses a row dated outside the contract term', async () => {
    expectRefused(await episodes(withCell('referred_at', '2026-03-31T23:59')), [
      [2, 'referred_at', '2026-03-31T23:59 is outside the contract term (2026-04 to 2027-03)'],
    ]);
  });

  test("refuses a snapshot's month column that is not the feed's period", async () => {
    const body = csvOf(
      ['person', 'registered_on', 'smoker', 'month'],
      [
        ['P1', '2025-01-01', 'yes', '2026-05'],
        ['P2', '2025-01-01', 'no', '2026-06'],
      ],
    );
    expectRefused(await caseload(body), [[2, 'month', 'is 2026-06, but this feed is for 2026-05']]);
  });

  test('refuses a month column for a dataset dated by a field', async () => {
    expectRefused(await episodes(csvOf([...EPISODE_COLUMNS, 'month'], [[...episodeRow(1), '2026-05']])), [
      [0, 'month', "Column 'month' is not a field"],
    ]);
  });
});

describe('aggregate returns', () => {
  const header = ['measure', 'period', 'numerator', 'denominator', 'value', 'pence'];

  test('refuses a numerator larger than its denominator', async () => {
    expectRefused(await quality(csvOf(header, [['CarePlansReviewed', '2026-06', '51', '50', '', '']])), [
      [1, 'numerator', 'the numerator 51 is larger than the denominator 50'],
    ]);
  });

  test('refuses a measure the contract does not take from the return', async () => {
    expectRefused(await quality(csvOf(header, [['BedOccupancy', '2026-06', '1', '2', '', '']])), [
      [
        1,
        'measure',
        '"BedOccupancy" is not a measure test.feeds.FeedsTest takes from test.feeds.QualityReturn',
      ],
    ]);
  });

  test('refuses a measure taken from a dataset rather than the return', async () => {
    expectRefused(await quality(csvOf(header, [['AssessedEpisodes', '2026-06', '1', '2', '', '']])), [
      [1, 'measure', 'is measured from dataset test.feeds.Episodes'],
    ]);
  });

  test('refuses negative counts and a half-given fraction', async () => {
    expectRefused(
      await quality(
        csvOf(header, [
          ['CarePlansReviewed', '2026-06', '-1', '50', '', ''],
          ['CarePlansReviewed', '2026/27 Q1', '10', '', '', ''],
        ]),
      ),
      [
        [1, 'numerator', 'must be a whole number of zero or more, not "-1"'],
        [2, 'denominator', 'give both numerator and denominator, or neither'],
      ],
    );
  });

  test('refuses a period outside the term and a row without figures', async () => {
    expectRefused(
      await quality(
        csvOf(header, [
          ['CarePlansReviewed', '2027/28 Q1', '1', '2', '', ''],
          ['StaffedHours', '2026-06', '', '', '', ''],
        ]),
      ),
      [
        [
          1,
          'period',
          '"2027/28 Q1" is not a month (2026-05), quarter (2026/27 Q2) or year (2026/27) of the contract term',
        ],
        [2, 'numerator', 'give numerator and denominator, a value or pence'],
      ],
    );
  });

  test('refuses the same measure and period twice', async () => {
    expectRefused(
      await quality(
        csvOf(header, [
          ['CarePlansReviewed', '2026-06', '1', '2', '', ''],
          ['test.feeds.CarePlansReviewed', '2026-06', '1', '3', '', ''],
        ]),
      ),
      [[2, 'period', 'already given in row 1']],
    );
  });

  test('refuses columns other than those of a return', async () => {
    expectRefused(
      await quality(
        csvOf(
          [...header, 'Postcode', 'notes'],
          [['CarePlansReviewed', '2026-06', '1', '2', '', '', 'x', 'y']],
        ),
      ),
      [
        [0, 'Postcode', 'patient-identifiable'],
        [0, 'notes', "Column 'notes' is not a column of an aggregate return"],
      ],
    );
  });
});

describe('JSON and NDJSON rows', () => {
  const json = (rows: unknown, contentType = 'application/json') =>
    postFeed(service, provider, {
      contract: FEEDS_TEST_NAME,
      source: 'Caseload',
      period: '2026-05',
      body: typeof rows === 'string' ? rows : JSON.stringify(rows),
      contentType,
    });

  test('refuses unknown and identifying keys once each, and values of the wrong type', async () => {
    const response = await json([
      { person: 'P1', registered_on: '2025-01-01', smoker: true, dob: '1970-01-01' },
      { person: 'P2', registered_on: '2025-13-01', smoker: 'perhaps', dob: '1980-01-01' },
      { person: 'P3', registered_on: '2025-01-01', smoker: null, ward: 'Oak' },
    ]);
    expectRefused(response, [
      [1, 'dob', 'holds a date of birth'],
      [2, 'registered_on', "'2025-13-01' is not a calendar date: write a real date as YYYY-MM-DD."],
      [2, 'smoker', 'must be true or false'],
      [3, 'ward', "Column 'ward' is not a field of test.feeds.Caseload"],
    ]);
  });

  test('refuses a body that is not an array of rows', async () => {
    expectRefused(await json({ rows: [] }), [[0, '', 'A JSON feed is an array of row objects']]);
    expectRefused(await json('[{"person": "P1", "registered_on": '), [[0, '', 'The body is not valid JSON']]);
    expectRefused(await json(['P1']), [[1, '', 'Row 1 must be an object']]);
  });

  test('refuses a line of NDJSON that is not JSON, and checks the lines after it', async () => {
    const body =
      '{"person":"P1","registered_on":"2025-01-01","smoker":true}\n{"person": P2}\n{"person":"P3","smoker":"perhaps"}\n';
    expectRefused(await json(body, 'application/x-ndjson'), [
      [2, '', 'Row 2 is not valid JSON'],
      [3, 'smoker', 'must be true or false'],
    ]);
  });
});

test('lists the first 100 errors and counts them all', async () => {
  const rows = Array.from({ length: 200 }, (_, i) =>
    episodeRow(i + 1, i % 4 === 0 ? {} : { age: 'unknown' }),
  );
  const response = await episodes(csvOf(EPISODE_COLUMNS, rows));
  expect(response.status).toBe(422);
  expect(response.body.details?.total).toBe(150);
  expect(response.body.details?.errors).toHaveLength(100);
  expect(response.body.details?.errors[0]).toEqual({
    row: 2,
    column: 'age',
    message: `Row 2, column 'age': must be a whole number, not "unknown".`,
  });
  expect(response.body.message).toBe(
    'The feed has 150 errors (the first 100 are listed); nothing was stored. Correct them and send the whole feed again.',
  );
});

test('refuses a source the contract does not have, and a body that is not a feed format', async () => {
  const unknown = await postFeed(service, provider, {
    contract: FEEDS_TEST_NAME,
    source: 'Admissions',
    period: '2026-05',
    body: 'a\n1\n',
  });
  expect(unknown.status).toBe(404);
  expect(unknown.body.message).toContain(
    'feeds go to test.feeds.Caseload, test.feeds.Episodes, test.feeds.QualityReturn',
  );
  const text = await postFeed(service, provider, {
    contract: FEEDS_TEST_NAME,
    source: 'Episodes',
    period: '2026-05',
    body: 'a\n1\n',
    contentType: 'text/plain',
  });
  expect(text.status).toBe(415);
  expect(text.body.code).toBe('unsupported-media-type');
});

test('stores nothing from any refused feed', async () => {
  expect(await storedCounts(service)).toEqual({ submissions: 0, blocks: 0 });
});
