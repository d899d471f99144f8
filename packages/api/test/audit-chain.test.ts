import { join } from 'node:path';
import { type Client, createClient } from '@libsql/client';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { verifyAudit } from '../src/audit/verify.js';
import {
  csvOf,
  EPISODE_COLUMNS,
  episodeRow,
  FEEDS_TEST_CONTRACT,
  FEEDS_TEST_NAME,
} from './helpers/feeds-contract.js';
import { postFeed, publishContract, startTestService, type TestService } from './helpers/test-service.js';

/**
 * The audit log is tamper-evident: every entry is sealed to the one before it, so an entry edited,
 * deleted or moved at the database (its append-only triggers dropped first) is found by the check,
 * and so is a token changed at the database.
 */

let service: TestService;
let auditor: string;
let copies = 0;

beforeAll(async () => {
  service = await startTestService();
  const commissioner = await service.token('36J', 'commissioner');
  await publishContract(service, commissioner, [FEEDS_TEST_CONTRACT]);
  const tad = await service.token('TAD', 'provider');
  const rows = Array.from({ length: 20 }, (_, i) => episodeRow(i, {}, '2026-05'));
  const feed = {
    contract: FEEDS_TEST_NAME,
    source: 'Episodes',
    period: '2026-05',
    body: csvOf(EPISODE_COLUMNS, rows),
  };
  expect((await postFeed(service, tad, feed)).status).toBe(201);
  expect((await postFeed(service, tad, feed)).status).toBe(200);
  await service.request(`/contracts/${FEEDS_TEST_NAME}/position`, { token: 'parity_unknown' });
  auditor = await service.token('36J', 'auditor');
  const admin = await service.token('36J', 'admin');
  const created = await service.request('/tokens', {
    method: 'POST',
    token: admin,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ organisation: 'TAD', role: 'provider' }),
  });
  const { id } = (await created.json()) as { id: string };
  await service.request(`/tokens/${id}`, { method: 'DELETE', token: admin });
});
afterAll(() => service.close());

/** A copy of the service's database, to tamper with. */
async function copy(): Promise<Client> {
  const path = join(service.directory, `copy-${++copies}.db`);
  await service.services.db.$client.execute(`VACUUM INTO '${path}'`);
  const client = createClient({ url: `file:${path}` });
  await client.executeMultiple('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
  return client;
}

describe('the chain', () => {
  test('is intact after publishes, feeds, refusals and token changes, over HTTP', async () => {
    const response = await service.request('/audit/verify', { token: auditor });
    expect(response.status).toBe(200);
    const found = (await response.json()) as {
      intact: boolean;
      entries: number;
      sealed: number;
      breaks: unknown[];
      head: { id: number };
    };
    expect(found.breaks).toEqual([]);
    expect(found.intact).toBe(true);
    // Every entry this service wrote is sealed, and the head is the last one.
    const count = await service.services.db.$client.execute(
      'SELECT count(*) AS n, max(id) AS last FROM audit_log',
    );
    expect(found.entries).toBe(Number(count.rows[0]?.n));
    expect(found.sealed).toBe(found.entries);
    expect(found.head.id).toBe(Number(count.rows[0]?.last));
    expect(found.entries).toBeGreaterThanOrEqual(9);
  });

  test('a provider may not check it', async () => {
    const response = await service.request('/audit/verify', {
      token: await service.token('TAD', 'provider'),
    });
    expect(response.status).toBe(403);
  });

  test('finds an edited entry', async () => {
    const db = await copy();
    await db.execute(
      "UPDATE audit_log SET detail = json_set(detail, '$.rows', 2) WHERE id = (SELECT min(id) FROM audit_log WHERE action = 'submit-feed')",
    );
    const edited = Number(
      (await db.execute("SELECT min(id) AS id FROM audit_log WHERE action = 'submit-feed'")).rows[0]?.id,
    );
    const found = await verifyAudit(db);
    expect(found.breaks[0]).toEqual({
      id: edited,
      problem: expect.stringContaining('does not match its seal'),
    });
  });

  test('finds a deleted entry, in the middle or first', async () => {
    const db = await copy();
    await db.execute('DELETE FROM audit_log WHERE id = 4');
    expect((await verifyAudit(db)).breaks.map((b) => b.problem)).toEqual([
      'entry 4 is missing',
      expect.stringContaining('entry 5 does not match its seal'),
    ]);
    const first = await copy();
    await first.execute('DELETE FROM audit_log WHERE id = 1');
    expect((await verifyAudit(first)).breaks[0]?.problem).toBe('entry 1 is missing');
  });

  test('finds two entries swapped', async () => {
    const db = await copy();
    const [a, b] = (await db.execute('SELECT * FROM audit_log WHERE id IN (5, 6) ORDER BY id')).rows;
    const swap = (id: number, row: typeof a) =>
      db.execute({
        sql: 'UPDATE audit_log SET at = ?, actor = ?, action = ?, subject = ?, outcome = ?, request_id = ?, detail = ?, hash = ? WHERE id = ?',
        args: [
          row?.at ?? null,
          row?.actor ?? null,
          row?.action ?? null,
          row?.subject ?? null,
          row?.outcome ?? null,
          row?.request_id ?? null,
          row?.detail ?? null,
          row?.hash ?? null,
          id,
        ],
      });
    await swap(5, b);
    await swap(6, a);
    const found = await verifyAudit(db);
    expect(found.breaks.map((x) => x.id)).toContain(5);
  });

  test('finds a token given another role, re-enabled, or added at the database', async () => {
    const db = await copy();
    const token = (
      await db.execute("SELECT id FROM tokens WHERE role = 'provider' AND revoked_at IS NULL LIMIT 1")
    ).rows[0]?.id;
    await db.execute({ sql: "UPDATE tokens SET role = 'admin' WHERE id = ?", args: [String(token)] });
    await db.execute('UPDATE tokens SET revoked_at = NULL WHERE revoked_at IS NOT NULL');
    await db.execute(
      "INSERT INTO tokens (id, secret_hash, organisation, role, created_at) VALUES ('tok_planted', 'x', 'TAD', 'admin', '2026-01-01T00:00:00Z')",
    );
    const problems = (await verifyAudit(db)).breaks.map((b) => b.problem);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringContaining('has no seal: it was written at the database'),
        `token ${String(token)} is now admin for TAD, but was created provider for TAD`,
        expect.stringMatching(/^token tok_\w+ was revoked, but its row no longer says so$/),
        'token tok_planted has no audit entry creating it: it was added at the database',
      ]),
    );
  });
});
