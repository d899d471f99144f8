import { gunzipSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
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

let service: TestService;
let tad: string;

beforeAll(async () => {
  service = await startTestService({ now: '2026-06-01T09:00:00.000Z' });
  await publishContract(service, await service.token('36J', 'commissioner'), [FEEDS_TEST_CONTRACT]);
  tad = await service.token('TAD', 'provider');
});
afterAll(() => service.close());

/** The rows a submission stored, decoded from its blocks. */
async function storedRows(id: string): Promise<Record<string, unknown>[]> {
  const result = await service.services.db.$client.execute({
    sql: 'SELECT data FROM submission_blocks WHERE submission_id = ? ORDER BY sequence',
    args: [id],
  });
  return result.rows.flatMap((row) => {
    const [header, ...lines] = gunzipSync(new Uint8Array(row.data as ArrayBuffer))
      .toString('utf8')
      .trim()
      .split('\n');
    const { columns } = JSON.parse(header as string) as { columns: string[] };
    return lines.map((line) =>
      Object.fromEntries((JSON.parse(line) as unknown[]).map((value, i) => [columns[i], value])),
    );
  });
}

const EXPECTED_ROWS = [
  {
    person: 'P1',
    referred_at: '2026-05-01T09:30',
    assessed_on: '2026-05-02',
    setting: 'ED',
    age: 42,
    self_harm: true,
    weight_kg: '70.5',
    cost: 1250,
    note: 'first, "quoted"',
  },
  {
    person: 'P2',
    referred_at: '2026-05-03T23:05',
    assessed_on: null,
    setting: 'ward',
    age: 7,
    self_harm: false,
    weight_kg: null,
    cost: 99,
    note: null,
  },
];

describe('formats', () => {
  test('stores a CSV feed, with quoted cells and values in any accepted form, as typed values', async () => {
    const body = [
      EPISODE_COLUMNS.join(','),
      'P1,2026-05-01T09:30,2026-05-02,ED,42,YES,70.50,£12.50,"first, ""quoted"""',
      ' P2 ,2026-05-03 23:05,,ward,+007,0,,99p,',
    ].join('\r\n');
    const response = await postFeed(service, tad, {
      contract: FEEDS_TEST_NAME,
      source: 'Episodes',
      period: '2026-05',
      body: `\ufeff${body}\r\n`,
    });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      source: 'test.feeds.Episodes',
      provider: 'TAD',
      period: '2026-05',
      rows: 2,
    });
    expect(await storedRows(response.body.id)).toEqual(EXPECTED_ROWS);
  });

  test('stores an XLSX feed from its first worksheet, with spreadsheet numbers, dates and booleans', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Episodes');
    sheet.addRow(EPISODE_COLUMNS);
    sheet.addRow([
      'P1',
      new Date(Date.UTC(2026, 4, 1, 9, 30)),
      new Date(Date.UTC(2026, 4, 2)),
      'ED',
      42,
      true,
      70.5,
      12.5,
      { richText: [{ text: 'first, ' }, { text: '"quoted"' }] },
    ]);
    sheet.addRow(['P2', '2026-05-03T23:05', null, 'ward', 7, false, null, '99p', null]);
    workbook.addWorksheet('Notes').addRow(['ignored']);
    const body = new Uint8Array(await workbook.xlsx.writeBuffer());
    const response = await postFeed(service, tad, {
      contract: FEEDS_TEST_NAME,
      source: 'Episodes',
      period: '2026-05',
      body,
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    });
    expect(response.status).toBe(201);
    expect(await storedRows(response.body.id)).toEqual(EXPECTED_ROWS);
  });

  test('stores a JSON array of row objects, with JSON numbers, booleans and nulls', async () => {
    const rows = [
      {
        person: 'P1',
        referred_at: '2026-05-01T09:30',
        assessed_on: '2026-05-02',
        setting: 'ED',
        age: 42,
        self_harm: true,
        weight_kg: 70.5,
        cost: 12.5,
        note: 'first, "quoted"',
      },
      {
        person: 'P2',
        referred_at: '2026-05-03T23:05',
        setting: 'ward',
        age: '7',
        self_harm: 'no',
        weight_kg: null,
        cost: '99p',
      },
    ];
    const response = await postFeed(service, tad, {
      contract: FEEDS_TEST_NAME,
      source: 'Episodes',
      period: '2026-05',
      body: JSON.stringify(rows),
      contentType: 'application/json',
    });
    expect(response.status).toBe(201);
    expect(await storedRows(response.body.id)).toEqual(EXPECTED_ROWS);
  });

  test('stores newline-delimited JSON, one row object a line', async () => {
    const body = `${JSON.stringify({ person: 'P1', referred_at: '2026-05-01T09:30', assessed_on: '2026-05-02', setting: 'ED', age: 42, self_harm: 1, weight_kg: '70.5', cost: '£12.50', note: 'first, "quoted"' })}\n\n${JSON.stringify({ person: 'P2', referred_at: '2026-05-03T23:05', setting: 'ward', age: 7, self_harm: false, cost: 0.99 })}`;
    const response = await postFeed(service, tad, {
      contract: FEEDS_TEST_NAME,
      source: 'Episodes',
      period: '2026-05',
      body,
      contentType: 'application/x-ndjson; charset=utf-8',
    });
    expect(response.status).toBe(201);
    expect(await storedRows(response.body.id)).toEqual(EXPECTED_ROWS);
  });

  test('stores an aggregate return as observations of the submitting provider, measures by short or full name', async () => {
    const body = csvOf(
      ['measure', 'period', 'numerator', 'denominator', 'value', 'pence'],
      [
        ['CarePlansReviewed', '2026/27 Q1', '40', '50', '', ''],
        ['test.feeds.StaffedHours', '2026-04', '', '', '168.0', ''],
      ],
    );
    const response = await postFeed(service, tad, {
      contract: FEEDS_TEST_NAME,
      source: 'test.feeds.QualityReturn',
      period: '2026-04',
      body,
    });
    expect(response.status).toBe(201);
    const result = await service.services.db.$client.execute({
      sql: 'SELECT data FROM submission_blocks WHERE submission_id = ?',
      args: [response.body.id],
    });
    const lines = gunzipSync(new Uint8Array(result.rows[0]?.data as ArrayBuffer))
      .toString('utf8')
      .trim()
      .split('\n');
    expect(lines.map((line) => JSON.parse(line))).toEqual([
      {
        measure: 'test.feeds.CarePlansReviewed',
        period: '2026/27 Q1',
        numerator: '40',
        denominator: '50',
        provider: 'TAD',
        submittedAt: response.body.submittedAt,
      },
      {
        measure: 'test.feeds.StaffedHours',
        period: '2026-04',
        value: '168',
        provider: 'TAD',
        submittedAt: response.body.submittedAt,
      },
    ]);
  });

  test('splits a large feed into blocks of 10,000 rows', async () => {
    const rows = Array.from({ length: 25_000 }, (_, i) => episodeRow(i));
    const response = await postFeed(service, tad, {
      contract: FEEDS_TEST_NAME,
      source: 'Episodes',
      period: '2026-05',
      body: csvOf(EPISODE_COLUMNS, rows),
    });
    expect(response.status).toBe(201);
    const blocks = await service.services.db.$client.execute({
      sql: 'SELECT sequence, row_count FROM submission_blocks WHERE submission_id = ? ORDER BY sequence',
      args: [response.body.id],
    });
    expect(blocks.rows.map((b) => [b.sequence, b.row_count])).toEqual([
      [0, 10_000],
      [1, 10_000],
      [2, 5_000],
    ]);
    const stored = await storedRows(response.body.id);
    expect(stored).toHaveLength(25_000);
    expect(stored[24_999]).toMatchObject({
      person: 'P024999',
      setting: ['ED', 'ward', 'outpatient'][24_999 % 3],
    });
  });
});

describe('resubmission', () => {
  const caseload = (body: string, token = tad) =>
    postFeed(service, token, { contract: FEEDS_TEST_NAME, source: 'Caseload', period: '2026-10', body });

  test('returns the earlier submission for the same content, storing nothing new', async () => {
    const body = csvOf(['person', 'registered_on', 'smoker'], [['P1', '2025-01-01', 'yes']]);
    const first = await postFeed(service, tad, {
      contract: FEEDS_TEST_NAME,
      source: 'Caseload',
      period: '2026-04',
      body,
    });
    const before = await storedCounts(service);
    service.clock.set('2026-06-01T10:00:00.000Z');
    const again = await postFeed(service, tad, {
      contract: FEEDS_TEST_NAME,
      source: 'Caseload',
      period: '2026-04',
      body,
    });
    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    expect(await storedCounts(service)).toEqual(before);
    const listed = await (
      await service.request(`/contracts/${FEEDS_TEST_NAME}/feeds?period=2026-04&source=Caseload`, {
        token: tad,
      })
    ).json();
    expect(listed).toHaveLength(1);
  });

  test('supersedes the earlier submission for the same period without deleting it', async () => {
    service.clock.set('2026-11-01T09:00:00.000Z');
    const first = await caseload(csvOf(['person', 'registered_on', 'smoker'], [['P1', '2025-01-01', 'yes']]));
    service.clock.set('2026-11-02T09:00:00.000Z');
    const second = await caseload(csvOf(['person', 'registered_on', 'smoker'], [['P1', '2025-01-01', 'no']]));
    expect(second.status).toBe(201);
    expect(second.body.supersedes).toBe(first.body.id);
    const listed = (await (
      await service.request(`/contracts/${FEEDS_TEST_NAME}/feeds?period=2026-10`, { token: tad })
    ).json()) as { id: string; current: boolean; supersededBy?: string }[];
    expect(listed.map((s) => [s.id, s.current, s.supersededBy])).toEqual([
      [second.body.id, true, undefined],
      [first.body.id, false, second.body.id],
    ]);
    expect(await storedRows(first.body.id)).toEqual([
      { person: 'P1', registered_on: '2025-01-01', smoker: true },
    ]);
    const one = await service.request(`/contracts/${FEEDS_TEST_NAME}/feeds/${second.body.id}`, {
      token: tad,
    });
    expect(await one.json()).toMatchObject({ id: second.body.id, supersedes: first.body.id, rows: 1 });
  });
});

describe('who may submit and see feeds', () => {
  const body = csvOf(
    ['measure', 'period', 'numerator', 'denominator', 'value', 'pence'],
    [['StaffedHours', '2026-05', '', '', '160', '']],
  );

  test('refuses a provider submitting as another provider, and audits the refusal', async () => {
    const response = await postFeed(service, tad, {
      contract: FEEDS_TEST_NAME,
      source: 'QualityReturn',
      period: '2026-05',
      body,
      provider: 'RAE',
    });
    expect(response.status).toBe(403);
    expect(response.body.message).toBe(
      "A provider submits feeds only as itself: this token is TAD's, not RAE's.",
    );
    const audit = await service.services.db.$client.execute(
      "SELECT actor, detail FROM audit_log WHERE action = 'submit-feed' AND outcome = 'refused'",
    );
    expect(
      audit.rows.some(
        (row) => String(row.actor).startsWith('TAD/provider/') && String(row.detail).includes("not RAE's"),
      ),
    ).toBe(true);
  });

  test('refuses commissioners and providers not party to the contract', async () => {
    const commissioner = await postFeed(service, await service.token('36J', 'commissioner'), {
      contract: FEEDS_TEST_NAME,
      source: 'QualityReturn',
      period: '2026-05',
      body,
    });
    expect(commissioner.status).toBe(403);
    expect(commissioner.body.message).toContain('Only providers submit feeds');
    const outsider = await postFeed(service, await service.token('RX4', 'provider'), {
      contract: FEEDS_TEST_NAME,
      source: 'QualityReturn',
      period: '2026-05',
      body,
    });
    expect(outsider.status).toBe(403);
    expect(outsider.body.message).toBe(
      'RX4 is not a provider of test.feeds.FeedsTest, so it cannot submit feeds for it.',
    );
  });

  test("shows providers their own submissions only, and commissioners everyone's", async () => {
    const rae = await service.token('RAE', 'provider');
    const submitted = await postFeed(service, rae, {
      contract: FEEDS_TEST_NAME,
      source: 'QualityReturn',
      period: '2026-05',
      body,
    });
    expect(submitted.status).toBe(201);
    const providers = async (token: string) =>
      new Set(
        (
          (await (await service.request(`/contracts/${FEEDS_TEST_NAME}/feeds`, { token })).json()) as {
            provider: string;
          }[]
        ).map((s) => s.provider),
      );
    expect(await providers(rae)).toEqual(new Set(['RAE']));
    expect(await providers(tad)).toEqual(new Set(['TAD']));
    expect(await providers(await service.token('36J', 'commissioner'))).toEqual(new Set(['RAE', 'TAD']));
    expect(
      (await service.request(`/contracts/${FEEDS_TEST_NAME}/feeds/${submitted.body.id}`, { token: tad }))
        .status,
    ).toBe(403);
    expect(
      (await service.request(`/contracts/${FEEDS_TEST_NAME}/feeds/${submitted.body.id}`, { token: rae }))
        .status,
    ).toBe(200);
    expect(
      (await service.request(`/contracts/${FEEDS_TEST_NAME}/feeds?provider=RAE`, { token: tad })).status,
    ).toBe(403);
    expect(
      (
        await service.request(`/contracts/${FEEDS_TEST_NAME}/feeds`, {
          token: await service.token('RX4', 'provider'),
        })
      ).status,
    ).toBe(403);
  });
});

describe('size limits', () => {
  let small: TestService;
  let token: string;

  beforeAll(async () => {
    small = await startTestService({ env: { MAX_FEED_BYTES: '4096' } });
    await publishContract(small, await small.token('36J', 'commissioner'), [FEEDS_TEST_CONTRACT]);
    token = await small.token('TAD', 'provider');
  });
  afterAll(() => small.close());

  const big = () =>
    csvOf(
      EPISODE_COLUMNS,
      Array.from({ length: 200 }, (_, i) => episodeRow(i)),
    );

  test('refuses a body declared larger than the limit with 413', async () => {
    const response = await postFeed(small, token, {
      contract: FEEDS_TEST_NAME,
      source: 'Episodes',
      period: '2026-05',
      body: big(),
    });
    expect(response.status).toBe(413);
    expect(response.body.code).toBe('payload-too-large');
  });

  test('refuses a streamed body that grows past the limit with 413, storing nothing', async () => {
    const bytes = new TextEncoder().encode(big());
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < bytes.length; i += 1000) controller.enqueue(bytes.subarray(i, i + 1000));
        controller.close();
      },
    });
    const response = await small.request(`/contracts/${FEEDS_TEST_NAME}/feeds/Episodes?period=2026-05`, {
      method: 'POST',
      token,
      headers: { 'content-type': 'text/csv' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(413);
    expect(await storedCounts(small)).toEqual({ submissions: 0, blocks: 0 });
  });

  test('accepts a feed within the limit', async () => {
    const response = await postFeed(small, token, {
      contract: FEEDS_TEST_NAME,
      source: 'Episodes',
      period: '2026-05',
      body: csvOf(EPISODE_COLUMNS, [episodeRow(1)]),
    });
    expect(response.status).toBe(201);
  });
});
