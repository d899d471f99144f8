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

/**
 * An extract is one file of many providers and months, split into one submission per provider and
 * month exactly as if each had been sent as a feed, and stored all or nothing. Here the episodes
 * come from a data service (NHS England, X24) for both providers; the caseload and the quality
 * return from each provider itself.
 */
const EXTRACT_CONTRACT = {
  ...FEEDS_TEST_CONTRACT,
  text: FEEDS_TEST_CONTRACT.text.replace(
    'source "Test extract"',
    'source "Test extract"\n  submitted by data service NhsEngland',
  ),
};
const MONTHS = ['2026-05', '2026-06', '2026-07'];
const PROVIDERS = ['TAD', 'RAE'];

interface ExtractResponse {
  status: number;
  body: {
    code?: string;
    message?: string;
    details?: { errors: { row: number; column: string; message: string }[]; total: number };
    rows?: number;
    submissions?: {
      id: string;
      provider: string;
      period: string;
      rows: number;
      created: boolean;
      supersedes?: string;
    }[];
  };
}

let service: TestService;
let dataService: string;

async function postExtract(
  target: TestService,
  token: string,
  source: string,
  body: string,
  contentType = 'text/csv',
): Promise<ExtractResponse> {
  const response = await target.request(`/contracts/${FEEDS_TEST_NAME}/extracts/${source}`, {
    method: 'POST',
    token,
    headers: { 'content-type': contentType },
    body,
  });
  return { status: response.status, body: (await response.json()) as ExtractResponse['body'] };
}

/** The episodes of one provider and month: a few rows, numbered apart from every other part's. */
function episodes(provider: string, month: string): string[][] {
  const base = (PROVIDERS.indexOf(provider) * 10 + MONTHS.indexOf(month)) * 20;
  return Array.from({ length: 5 + MONTHS.indexOf(month) }, (_, i) => episodeRow(base + i + 1, {}, month));
}

/** Every part's rows in one extract, the provider column first, the parts interleaved row by row. */
function extractOf(parts: [provider: string, month: string][]): string {
  const rows = parts.map(([provider, month]) => episodes(provider, month).map((row) => [provider, ...row]));
  const longest = Math.max(...rows.map((r) => r.length));
  const interleaved = Array.from({ length: longest }, (_, i) => rows.flatMap((part) => part[i] ?? []));
  return csvOf(
    ['provider', ...EPISODE_COLUMNS],
    interleaved.flatMap((group) => (group.length === 0 ? [] : chunk(group, EPISODE_COLUMNS.length + 1))),
  );
}

function chunk(cells: string[], size: number): string[][] {
  return Array.from({ length: cells.length / size }, (_, i) => cells.slice(i * size, (i + 1) * size));
}

const ALL_PARTS = PROVIDERS.flatMap((p) => MONTHS.map((m): [string, string] => [p, m]));

beforeAll(async () => {
  service = await startTestService({ now: '2026-11-20T09:00:00.000Z' });
  await publishContract(service, await service.token('36J', 'commissioner'), [EXTRACT_CONTRACT]);
  dataService = await service.token('X24', 'provider');
});
afterAll(() => service.close());

describe('an extract of two providers and three months', () => {
  let first: ExtractResponse;

  beforeAll(async () => {
    first = await postExtract(service, dataService, 'Episodes', extractOf(ALL_PARTS));
  });

  test('is stored as six submissions, one per provider and month', async () => {
    expect(first.status).toBe(201);
    expect(first.body.submissions?.map((s) => [s.provider, s.period, s.rows, s.created])).toEqual([
      ['RAE', '2026-05', 5, true],
      ['RAE', '2026-06', 6, true],
      ['RAE', '2026-07', 7, true],
      ['TAD', '2026-05', 5, true],
      ['TAD', '2026-06', 6, true],
      ['TAD', '2026-07', 7, true],
    ]);
    expect(first.body.rows).toBe(36);
    expect(await storedCounts(service)).toMatchObject({ submissions: 6 });
    const audit = await service.services.db.$client.execute(
      "SELECT outcome, detail FROM audit_log WHERE action = 'submit-extract'",
    );
    expect(audit.rows.map((row) => row.outcome)).toEqual(['ok']);
    expect(JSON.parse(String(audit.rows[0]?.detail)).submissions).toHaveLength(6);
  });

  test('gives the same position and statement as the same rows sent as six feeds', async () => {
    const separate = await startTestService({ now: '2026-11-20T09:00:00.000Z' });
    try {
      await publishContract(separate, await separate.token('36J', 'commissioner'), [EXTRACT_CONTRACT]);
      const token = await separate.token('X24', 'provider');
      for (const [provider, month] of ALL_PARTS) {
        const sent = await postFeed(separate, token, {
          contract: FEEDS_TEST_NAME,
          source: 'Episodes',
          period: month,
          provider,
          body: csvOf(EPISODE_COLUMNS, episodes(provider, month)),
        });
        expect(sent.status).toBe(201);
      }
      const figures = async (at: TestService, path: string) => {
        const auditor = await at.token('X26', 'auditor');
        const response = await at.request(`/contracts/${FEEDS_TEST_NAME}/${path}`, { token: auditor });
        expect(response.status).toBe(200);
        return withoutSubmissionIds(await response.json());
      };
      for (const path of ['position?provider=TAD', 'position?provider=RAE', 'statement']) {
        const fromExtract = await figures(service, path);
        if (path === 'position?provider=TAD')
          expect(JSON.stringify(fromExtract)).toMatch(
            /"measure":"test.feeds.AssessedEpisodes"[^}]*"period":"2026\/27 Q1","view":"quarter","status":"scored"/,
          );
        expect(fromExtract).toEqual(await figures(separate, path));
      }
      const stored = async (at: TestService) => {
        const response = await at.request(`/contracts/${FEEDS_TEST_NAME}/feeds`, {
          token: await at.token('X26', 'auditor'),
        });
        const listed = (await response.json()) as { provider: string; period: string; rows: number }[];
        return listed.map((s) => `${s.provider} ${s.period} ${s.rows}`).sort();
      };
      expect(await stored(service)).toEqual(await stored(separate));
    } finally {
      await separate.close();
    }
  });

  test('sent again, creates nothing new: every part is the earlier submission', async () => {
    const again = await postExtract(service, dataService, 'Episodes', extractOf(ALL_PARTS));
    expect(again.status).toBe(200);
    expect(again.body.submissions?.map((s) => s.id)).toEqual(first.body.submissions?.map((s) => s.id));
    expect(again.body.submissions?.every((s) => !s.created)).toBe(true);
    expect(await storedCounts(service)).toMatchObject({ submissions: 6 });
  });

  test('with one part changed, supersedes only that part', async () => {
    const parts = ALL_PARTS.filter(([p, m]) => !(p === 'RAE' && m === '2026-06'));
    const changed = await postExtract(
      service,
      dataService,
      'Episodes',
      extractOf([...parts, ['RAE', '2026-08']]),
    );
    expect(changed.status).toBe(201);
    const created = changed.body.submissions?.filter((s) => s.created) ?? [];
    expect(created.map((s) => [s.provider, s.period])).toEqual([['RAE', '2026-08']]);
    expect(await storedCounts(service)).toMatchObject({ submissions: 7 });
    const rae06 = first.body.submissions?.find((s) => s.provider === 'RAE' && s.period === '2026-06');
    const resent = await postExtract(
      service,
      dataService,
      'Episodes',
      csvOf(
        ['provider', ...EPISODE_COLUMNS],
        episodes('RAE', '2026-06')
          .slice(1)
          .map((r) => ['RAE', ...r]),
      ),
    );
    expect(resent.body.submissions).toMatchObject([
      { provider: 'RAE', period: '2026-06', rows: 5, created: true, supersedes: rae06?.id },
    ]);
  });
});

describe('an extract refused whole, with nothing stored', () => {
  async function expectRefused(
    send: () => Promise<ExtractResponse>,
    status: number,
    expected: [row: number, column: string, message: string][],
  ): Promise<void> {
    const before = await storedCounts(service);
    const response = await send();
    expect(response.status, JSON.stringify(response.body)).toBe(status);
    const errors = response.body.details?.errors ?? [];
    expect(errors.map((e) => [e.row, e.column])).toEqual(expected.map(([row, column]) => [row, column]));
    for (const [i, [, , message]] of expected.entries()) expect(errors[i]?.message).toContain(message);
    expect(await storedCounts(service)).toEqual(before);
  }

  test('for a row of a provider the token may not submit for, naming the row and the provider column', async () => {
    const tad = await service.token('TAD', 'provider');
    const caseload = csvOf(
      ['provider', 'period', 'person', 'registered_on', 'smoker'],
      [
        ['TAD', '2026-05', 'P000001', '2026-01-05', 'yes'],
        ['TAD', '2026-06', 'P000001', '2026-01-05', 'yes'],
        ['RAE', '2026-06', 'P000002', '2026-01-05', 'no'],
      ],
    );
    await expectRefused(() => postExtract(service, tad, 'Caseload', caseload), 403, [
      [
        3,
        'provider',
        "Row 3, column 'provider': A provider submits feeds only as itself: this token is TAD's, not RAE's.",
      ],
    ]);
    const audit = await service.services.db.$client.execute(
      "SELECT outcome, detail FROM audit_log WHERE action = 'submit-extract' ORDER BY rowid DESC LIMIT 1",
    );
    expect(audit.rows[0]?.outcome).toBe('refused');
  });

  test('from a token that may send the source for no provider, saying who submits it', async () => {
    const commissioner = await service.token('36J', 'commissioner');
    const caseload = csvOf(['provider', 'period', 'person'], [['TAD', '2026-05', 'P000001']]);
    const sent = await postExtract(service, commissioner, 'Caseload', caseload);
    expect(sent.status).toBe(403);
    expect(sent.body.message).toBe(
      'Only providers submit feeds to test.feeds.Caseload, each for itself; this token is for 36J as commissioner.',
    );
  });

  test('for a provider not party to the contract', async () => {
    const rows = [...episodes('TAD', '2026-05').map((r) => ['TAD', ...r]), ['RX4', ...episodeRow(900)]];
    await expectRefused(
      () => postExtract(service, dataService, 'Episodes', csvOf(['provider', ...EPISODE_COLUMNS], rows)),
      403,
      [[6, 'provider', 'RX4 is not a provider of test.feeds.FeedsTest']],
    );
  });

  test('for a bad cell in the last part', async () => {
    const text = extractOf(ALL_PARTS).trimEnd();
    const lines = text.split('\n');
    const last = lines.length - 1;
    lines[last] = (lines[last] as string).replace(/,2026-07-(\d\d)T/, ',2026-07-$1X');
    await expectRefused(() => postExtract(service, dataService, 'Episodes', `${lines.join('\n')}\n`), 422, [
      [last, 'referred_at', `Row ${last}, column 'referred_at'`],
    ]);
  });

  test('for a month that has not begun', async () => {
    const rows = [...episodes('TAD', '2026-07'), episodeRow(77, {}, '2026-12')].map((r) => ['TAD', ...r]);
    await expectRefused(
      () => postExtract(service, dataService, 'Episodes', csvOf(['provider', ...EPISODE_COLUMNS], rows)),
      422,
      [[8, 'referred_at', 'the period 2026-12 has not begun']],
    );
  });

  test('for the same person twice in one month of a snapshot, though once a month is fine', async () => {
    const tad = await service.token('TAD', 'provider');
    const caseload = csvOf(
      ['provider', 'period', 'person', 'registered_on', 'smoker'],
      [
        ['TAD', '2026-05', 'P000001', '2026-01-05', 'yes'],
        ['TAD', '2026-06', 'P000001', '2026-01-05', 'yes'],
        ['TAD', '2026-06', 'P000001', '2026-01-05', 'no'],
      ],
    );
    await expectRefused(() => postExtract(service, tad, 'Caseload', caseload), 422, [
      [3, 'person', 'is already in this snapshot, at row 2'],
    ]);
  });

  test("for a return's quarter figure without a month column", async () => {
    const tad = await service.token('TAD', 'provider');
    const body = csvOf(
      ['provider', 'measure', 'period', 'numerator', 'denominator', 'value', 'pence'],
      [
        ['TAD', 'StaffedHours', '2026-05', '', '', '160', ''],
        ['TAD', 'CarePlansReviewed', '2026/27 Q2', '40', '50', '', ''],
      ],
    );
    await expectRefused(() => postExtract(service, tad, 'QualityReturn', body), 422, [
      [
        2,
        'period',
        "an extract puts each row in a month, so give a quarter's or a year's figure a 'month' column",
      ],
    ]);
  });
});

describe('an extract of a return and of a snapshot', () => {
  test('puts each return row in its month, a quarter figure in the month given', async () => {
    const tad = await service.token('TAD', 'provider');
    const body = csvOf(
      ['provider', 'month', 'measure', 'period', 'numerator', 'denominator', 'value', 'pence'],
      [
        ['TAD', '2026-05', 'StaffedHours', '2026-05', '', '', '160', ''],
        ['TAD', '2026-09', 'CarePlansReviewed', '2026/27 Q2', '40', '50', '', ''],
        ['TAD', '2026-09', 'StaffedHours', '2026-09', '', '', '150', ''],
      ],
    );
    const sent = await postExtract(service, tad, 'QualityReturn', body);
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    expect(sent.body.submissions?.map((s) => [s.provider, s.period, s.rows])).toEqual([
      ['TAD', '2026-05', 1],
      ['TAD', '2026-09', 2],
    ]);
  });

  test('takes a snapshot as NDJSON, one part per month', async () => {
    const tad = await service.token('TAD', 'provider');
    const lines = [
      { provider: 'TAD', period: '2026-05', person: 'P000001', registered_on: '2026-01-05', smoker: 'yes' },
      { provider: 'TAD', period: '2026-06', person: 'P000001', registered_on: '2026-01-05', smoker: 'no' },
      { provider: 'TAD', period: '2026-06', person: 'P000002', registered_on: null, smoker: 'no' },
    ];
    const sent = await postExtract(
      service,
      tad,
      'Caseload',
      lines.map((l) => JSON.stringify(l)).join('\n'),
      'application/x-ndjson',
    );
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    expect(sent.body.submissions?.map((s) => [s.period, s.rows])).toEqual([
      ['2026-05', 1],
      ['2026-06', 2],
    ]);
  });
});

describe('an extract of a dataset whose clock is England', () => {
  test("puts a row in its month on the dataset's clock, as a feed would", async () => {
    const london = await startTestService({ now: '2026-11-20T09:00:00.000Z' });
    try {
      const contract = {
        ...EXTRACT_CONTRACT,
        text: EXTRACT_CONTRACT.text.replace(
          '  dated by referred_at\n',
          '  dated by referred_at\n  times without offset are Europe/London\n',
        ),
      };
      await publishContract(london, await london.token('36J', 'commissioner'), [contract]);
      // 23:30 UTC on 31 May is 00:30 BST on 1 June: June's, though its text says May.
      const rows = [
        episodeRow(1, { referred_at: '2026-05-31T23:30:00Z' }),
        episodeRow(2, { referred_at: '2026-05-15T10:00' }),
      ].map((r) => ['TAD', ...r]);
      const sent = await postExtract(
        london,
        await london.token('X24', 'provider'),
        'Episodes',
        csvOf(['provider', ...EPISODE_COLUMNS], rows),
      );
      expect(sent.status, JSON.stringify(sent.body)).toBe(201);
      expect(sent.body.submissions?.map((s) => [s.period, s.rows])).toEqual([
        ['2026-05', 1],
        ['2026-06', 1],
      ]);
    } finally {
      await london.close();
    }
  });
});

test('the OpenAPI document describes the extract route and its refusals', async () => {
  const document = (await (await service.request('/openapi.json')).json()) as {
    paths: Record<string, Record<string, { description?: string; responses?: Record<string, unknown> }>>;
  };
  const post = document.paths['/contracts/{name}/extracts/{source}']?.post;
  expect(post?.description).toContain('one submission per provider and month');
  expect(Object.keys(post?.responses ?? {})).toEqual(expect.arrayContaining(['200', '201', '403', '422']));
});

/** A position or statement without what names submissions (their ids and times), which differ by service. */
function withoutSubmissionIds(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutSubmissionIds);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => !/submission|requestId|evaluatedAt|submittedAt/i.test(key))
      .map(([key, v]) => [key, withoutSubmissionIds(v)]),
  );
}
