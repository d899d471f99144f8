import { afterAll, beforeAll, expect, test } from 'vitest';
import {
  csvOf,
  EPISODE_COLUMNS,
  episodeRow,
  FEEDS_TEST_CONTRACT,
  FEEDS_TEST_NAME,
} from './helpers/feeds-contract.js';
import { postFeed, publishContract, startTestService, type TestService } from './helpers/test-service.js';

/**
 * Every refusal and every read of money is in the audit log, with who, what, the outcome and the
 * request id the caller was given.
 */

let service: TestService;
let commissioner: string;
let provider: string;
beforeAll(async () => {
  service = await startTestService({ env: { MAX_CONTRACT_BYTES: '200000' } });
  commissioner = await service.token('36J', 'commissioner');
  provider = await service.token('TAD', 'provider');
  await publishContract(service, commissioner, [FEEDS_TEST_CONTRACT]);
});
afterAll(() => service.close());

interface Entry {
  actor: string;
  action: string;
  subject: string;
  outcome: string;
  detail: Record<string, unknown>;
}

/** The entries for a request id, waiting a little for a read's entry, written after its answer. */
async function entriesOf(requestId: string | null): Promise<Entry[]> {
  expect(requestId).toBeTruthy();
  for (let tries = 0; ; tries++) {
    const result = await service.services.db.$client.execute({
      sql: 'SELECT actor, action, subject, outcome, detail FROM audit_log WHERE request_id = ? ORDER BY id',
      args: [requestId],
    });
    const entries = result.rows.map((row) => ({
      actor: String(row.actor),
      action: String(row.action),
      subject: String(row.subject),
      outcome: String(row.outcome),
      detail: JSON.parse(String(row.detail)) as Record<string, unknown>,
    }));
    if (entries.length > 0 || tries >= 40) return entries;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

test('a refused feed is audited once, as a refused submission', async () => {
  const response = await service.request(`/contracts/${FEEDS_TEST_NAME}/feeds/Episodes?period=2026-05`, {
    method: 'POST',
    token: provider,
    headers: { 'content-type': 'text/csv' },
    body: csvOf(EPISODE_COLUMNS, [episodeRow(1, { age: 'old' }, '2026-05')]),
  });
  expect(response.status).toBe(422);
  const entries = await entriesOf(response.headers.get('x-request-id'));
  expect(entries.map((e) => [e.action, e.outcome])).toEqual([['submit-feed', 'refused']]);
});

test('reads of money and of tokens are audited with who read what', async () => {
  const tad = await postFeed(service, provider, {
    contract: FEEDS_TEST_NAME,
    source: 'Episodes',
    period: '2026-05',
    body: csvOf(EPISODE_COLUMNS, [episodeRow(1, {}, '2026-05')]),
  });
  expect(tad.status).toBe(201);
  const admin = await service.token('36J', 'admin');
  const reads: [string, string, string][] = [
    [`/contracts/${FEEDS_TEST_NAME}/position`, provider, 'read-position'],
    [`/contracts/${FEEDS_TEST_NAME}/statement?format=csv`, commissioner, 'read-statement'],
    [`/contracts/${FEEDS_TEST_NAME}/statement?format=xlsx`, commissioner, 'read-statement'],
    ['/tokens', admin, 'token.list'],
  ];
  for (const [path, token, action] of reads) {
    const response = await service.request(path, { token });
    expect(response.status).toBe(200);
    await response.arrayBuffer();
    const entries = await entriesOf(response.headers.get('x-request-id'));
    expect(entries).toEqual([
      expect.objectContaining({ action, outcome: 'ok', subject: path.split('?')[0] }),
    ]);
  }
  const statement = await service.request(`/contracts/${FEEDS_TEST_NAME}/statement?format=csv`, {
    token: commissioner,
  });
  const [entry] = await entriesOf(statement.headers.get('x-request-id'));
  expect(entry?.actor).toMatch(/^36J\/commissioner\//);
  expect(entry?.detail).toEqual({ format: 'csv' });
});

test.each([
  ['a path that is not there', 404, () => service.request('/contracts/Nope/nothing', { token: provider })],
  [
    'a feed in a format not taken',
    415,
    () =>
      service.request(`/contracts/${FEEDS_TEST_NAME}/feeds/Episodes?period=2026-05`, {
        method: 'POST',
        token: provider,
        headers: { 'content-type': 'text/plain' },
        body: 'hello',
      }),
  ],
  [
    'a date that is not one',
    400,
    () => service.request(`/contracts/${FEEDS_TEST_NAME}/position?asOf=2026-02-30`, { token: provider }),
  ],
  [
    'a contract with errors',
    422,
    () =>
      service.request('/contracts', {
        method: 'POST',
        token: commissioner,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ sources: [{ path: 'bad.parity', text: 'package bad\ncontract X "x" {' }] }),
      }),
  ],
  // Last: the service answers 413 without reading the body, and closes the connection.
  [
    'a contract too large',
    413,
    () =>
      service.request('/contracts', {
        method: 'POST',
        token: commissioner,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ sources: [{ path: 'big.parity', text: 'x'.repeat(300_000) }] }),
      }),
  ],
])('%s (%i) is audited as refused, once', async (_what, status, send) => {
  const response = await send();
  expect(response.status).toBe(status);
  const entries = await entriesOf(response.headers.get('x-request-id'));
  expect(entries).toEqual([
    expect.objectContaining({
      action: 'request',
      outcome: 'refused',
      detail: expect.objectContaining({ status }),
    }),
  ]);
});
