import { afterAll, beforeAll, expect, test } from 'vitest';
import {
  csvOf,
  EPISODE_COLUMNS,
  episodeRow,
  FEEDS_TEST_CONTRACT,
  FEEDS_TEST_NAME,
} from './helpers/feeds-contract.js';
import { postFeed, publishContract, startTestService, type TestService } from './helpers/test-service.js';

let service: TestService;
let tad: string;

beforeAll(async () => {
  service = await startTestService({ now: '2026-06-01T09:00:00.000Z' });
  await publishContract(service, await service.token('36J', 'commissioner'), [FEEDS_TEST_CONTRACT]);
  tad = await service.token('TAD', 'provider');
});
afterAll(() => service.close());

/** The value of one series in the Prometheus text, e.g. `parity_feed_rows_ingested_total{kind="feed"}`. */
async function sample(series: string): Promise<number> {
  const response = await service.request('/metrics');
  const text = await response.text();
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  if (!line) throw new Error(`no ${series} in:\n${text}`);
  return Number(line.slice(series.length + 1));
}

const episodes = (count: number, from: number, month = '2026-05') =>
  csvOf(
    EPISODE_COLUMNS,
    Array.from({ length: count }, (_, i) => episodeRow(from + i, {}, month)),
  );

test('serves the Prometheus text format without a token', async () => {
  const response = await service.request('/metrics');
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
  const text = await response.text();
  expect(text).toContain('# TYPE parity_http_requests_total counter');
  expect(text).toContain('# TYPE parity_http_request_duration_seconds histogram');
  expect(text).toContain('# TYPE parity_evaluation_duration_seconds histogram');
  expect(text).toContain('process_cpu_seconds_total');
});

test('counts requests and their latency by method, route pattern and status, naming no contract', async () => {
  const series = 'parity_http_requests_total{method="GET",route="/contracts/:name/position",status="404"}';
  const latency =
    'parity_http_request_duration_seconds_count{method="GET",route="/contracts/:name/position",status="404"}';
  const before = await sample(series).catch(() => 0);
  for (const name of ['no.such.One', 'no.such.Two', 'no.such.Three'])
    expect((await service.request(`/contracts/${name}/position`, { token: tad })).status).toBe(404);
  expect(await sample(series)).toBe(before + 3);
  expect(await sample(latency)).toBe(before + 3);
  const text = await (await service.request('/metrics')).text();
  expect(text).not.toContain('no.such');
  expect(text).not.toContain(FEEDS_TEST_NAME);
});

test('counts the rows stored from feeds, and none for the same feed sent again', async () => {
  const series = 'parity_feed_rows_ingested_total{kind="feed"}';
  const before = await sample(series);
  const feed = { contract: FEEDS_TEST_NAME, source: 'Episodes', period: '2026-05' };
  expect((await postFeed(service, tad, { ...feed, body: episodes(7, 1) })).status).toBe(201);
  expect(await sample(series)).toBe(before + 7);
  const again = await postFeed(service, tad, { ...feed, body: episodes(7, 1) });
  expect(again.status).toBe(200);
  expect(await sample(series)).toBe(before + 7);
  expect(
    (await postFeed(service, tad, { ...feed, period: '2026-04', body: episodes(5, 100, '2026-04') })).status,
  ).toBe(201);
  expect(await sample(series)).toBe(before + 12);
});

test('times each evaluation of a position, and not a cached answer again', async () => {
  const series = 'parity_evaluation_duration_seconds_count';
  const before = await sample(series);
  const position = `/contracts/${FEEDS_TEST_NAME}/position`;
  expect((await service.request(position, { token: tad })).status).toBe(200);
  const evaluated = await sample(series);
  expect(evaluated).toBeGreaterThan(before);
  expect((await service.request(position, { token: tad })).status).toBe(200);
  expect(await sample(series)).toBe(evaluated);
  expect(await sample('parity_evaluation_duration_seconds_sum')).toBeGreaterThan(0);
});

test('counts the rows stored from an extract, split by provider and month', async () => {
  const series = 'parity_feed_rows_ingested_total{kind="extract"}';
  const before = await sample(series);
  const rows = [
    ...Array.from({ length: 3 }, (_, i) => ['TAD', ...episodeRow(500 + i, {}, '2026-05')]),
    ...Array.from({ length: 2 }, (_, i) => ['TAD', ...episodeRow(600 + i, {}, '2026-04')]),
  ];
  const send = () =>
    service.request(`/contracts/${FEEDS_TEST_NAME}/extracts/Episodes`, {
      method: 'POST',
      token: tad,
      headers: { 'content-type': 'text/csv' },
      body: csvOf(['provider', ...EPISODE_COLUMNS], rows),
    });
  const first = await send();
  expect(first.status, await first.clone().text()).toBe(201);
  expect(await sample(series)).toBe(before + 5);
  await send();
  expect(await sample(series)).toBe(before + 5);
});
