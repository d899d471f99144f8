import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { auditLog } from '../src/db/schema.js';
import { cquinContract, startTestService, type TestService } from './security-harness.js';

/**
 * The audit log over HTTP (GET /audit) and at the database. Each test works on its own day of the
 * test clock and reads that day back, so tests do not see each other's entries.
 */

interface Page {
  entries: {
    id: number;
    at: string;
    actor: string;
    action: string;
    subject: string;
    outcome: string;
    requestId: string | null;
    detail: Record<string, unknown>;
  }[];
  nextCursor: string | null;
}

let service: TestService;
let auditor: string;
let admin: { id: string; secret: string };

beforeAll(async () => {
  service = await startTestService();
  auditor = (await service.token('QWO', 'auditor')).secret;
  admin = await service.token('QWO', 'admin');
});

afterAll(async () => {
  await service.close();
});

async function readAudit(query: string, secret = auditor): Promise<Page> {
  const response = await service.request('GET', `/audit?${query}`, { secret });
  expect(response.status).toBe(200);
  return (await response.json()) as Page;
}

describe('what the audit log records', () => {
  test('publishes, token changes and refusals all appear, newest first', async () => {
    service.clock.set('2030-01-01T10:00:00Z');
    const commissioner = (await service.token('QAA', 'commissioner')).secret;
    await service.publish(commissioner, cquinContract('audit.first', 'QAA', ['RAA']));
    const created = await service.request('POST', '/tokens', {
      secret: admin.secret,
      json: { organisation: 'RAA', role: 'provider' },
    });
    const { id } = (await created.json()) as { id: string };
    await service.request('DELETE', `/tokens/${id}`, { secret: admin.secret });
    await service.request('GET', '/contracts/audit.first.Main/statement', { secret: 'parity_unknown' });
    await service.request('GET', '/tokens', { secret: commissioner });

    const page = await readAudit('from=2030-01-01&to=2030-01-01');
    expect(page.entries.map((e) => [e.action, e.outcome])).toEqual([
      ['tokens', 'refused'],
      ['authenticate', 'refused'],
      ['token.revoke', 'ok'],
      ['token.create', 'ok'],
      ['publish', 'ok'],
      ['token.create', 'ok'],
    ]);
    const adminActor = `QWO/admin/${admin.id}`;
    expect(
      page.entries.filter((e) => e.action.startsWith('token.') && e.subject === id).map((e) => e.actor),
    ).toEqual([adminActor, adminActor]);
    expect(page.entries.at(-1)).toMatchObject({
      actor: 'local-operator',
      detail: { organisation: 'QAA', role: 'commissioner' },
    });
  });

  test('no secret is ever written to the log', async () => {
    service.clock.set('2030-01-02T10:00:00Z');
    const created = await service.request('POST', '/tokens', {
      secret: admin.secret,
      json: { organisation: 'RAB', role: 'finance', label: 'ledger' },
    });
    const { secret } = (await created.json()) as { secret: string };
    await service.request('GET', '/audit', { secret: `${secret}x` });
    const rows = await service.services.db.select().from(auditLog);
    expect(rows.filter((row) => JSON.stringify(row).includes(secret))).toEqual([]);
  });
});

describe('reading the audit log', () => {
  test('pages follow each other through nextCursor without repeating or skipping', async () => {
    service.clock.set('2030-02-01T10:00:00Z');
    for (let i = 0; i < 7; i++) await service.token('RAA', 'provider');
    const all = await readAudit('from=2030-02-01&to=2030-02-01&limit=1000');
    expect(all.entries).toHaveLength(7);
    expect(all.nextCursor).toBeNull();
    const seen: number[] = [];
    let cursor: string | null = '';
    while (cursor !== null) {
      const page: Page = await readAudit(
        `from=2030-02-01&to=2030-02-01&limit=3${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(page.entries.length).toBeLessThanOrEqual(3);
      seen.push(...page.entries.map((e) => e.id));
      cursor = page.nextCursor;
    }
    expect(seen).toEqual(all.entries.map((e) => e.id));
    expect([...seen].sort((a, b) => b - a)).toEqual(seen);
  });

  test('from and to bound the time, as dates or date-times', async () => {
    for (const at of [
      '2030-03-01T08:00:00Z',
      '2030-03-01T12:00:00Z',
      '2030-03-02T08:00:00Z',
      '2030-03-03T23:59:59Z',
    ]) {
      service.clock.set(at);
      await service.token('RAA', 'provider');
    }
    const times = async (query: string) => (await readAudit(query)).entries.map((e) => e.at);
    expect(await times('from=2030-03-01&to=2030-03-01')).toEqual([
      '2030-03-01T12:00:00.000Z',
      '2030-03-01T08:00:00.000Z',
    ]);
    expect(await times('from=2030-03-01T10:00:00Z&to=2030-03-02T08:00:00Z')).toEqual([
      '2030-03-02T08:00:00.000Z',
      '2030-03-01T12:00:00.000Z',
    ]);
    expect(await times('from=2030-03-02T09:00:00%2B01:00&to=2030-03-03')).toEqual([
      '2030-03-03T23:59:59.000Z',
      '2030-03-02T08:00:00.000Z',
    ]);
  });

  test('action and outcome pick the entries asked for', async () => {
    service.clock.set('2030-04-01T10:00:00Z');
    await service.token('RAA', 'provider');
    await service.request('GET', '/audit', { secret: 'parity_unknown' });
    await service.request('GET', '/audit');
    const day = 'from=2030-04-01&to=2030-04-01';
    expect((await readAudit(`${day}&action=token.create`)).entries.map((e) => e.action)).toEqual([
      'token.create',
    ]);
    expect((await readAudit(`${day}&outcome=refused`)).entries.map((e) => e.detail.reason)).toEqual([
      'no bearer token',
      'unknown or revoked token',
    ]);
  });

  test('admins may read it too', async () => {
    expect((await readAudit('limit=1', admin.secret)).entries).toHaveLength(1);
  });

  test.for([
    'from=yesterday',
    'to=2030-02-30',
    'from=2030-01-01T10:00:00',
    'limit=0',
    'limit=1001',
    'cursor=abc',
    'outcome=maybe',
  ])('refuses a malformed query (%s) with the error envelope', async (query) => {
    const response = await service.request('GET', `/audit?${query}`, { secret: auditor });
    const body = (await response.json()) as Record<string, unknown>;
    expect(response.status).toBe(400);
    expect(body).toMatchObject({ code: 'invalid-request', requestId: response.headers.get('x-request-id') });
  });
});

describe('the audit log is append-only at the database', () => {
  test('an UPDATE is refused', async () => {
    await expect(service.services.db.$client.execute("UPDATE audit_log SET outcome = 'ok'")).rejects.toThrow(
      /append-only/,
    );
  });

  test('a DELETE is refused', async () => {
    await expect(service.services.db.$client.execute('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
  });

  test('the entries are unchanged afterwards', async () => {
    const before = await service.services.db.select().from(auditLog);
    await service.services.db.$client
      .execute("UPDATE audit_log SET actor = 'someone else' WHERE id = 1")
      .catch(() => undefined);
    await service.services.db.$client.execute('DELETE FROM audit_log WHERE id = 1').catch(() => undefined);
    expect(await service.services.db.select().from(auditLog)).toEqual(before);
  });
});

describe('the audit log at scale', () => {
  test('a date range is found through the index on `at`, not by reading every entry', async () => {
    const plan = await service.services.db.$client.execute({
      sql: 'EXPLAIN QUERY PLAN SELECT * FROM audit_log WHERE at >= ? AND at <= ? ORDER BY id DESC LIMIT 51',
      args: ['2026-11-20T00:00:00.000Z', '2026-11-20T23:59:59.999Z'],
    });
    expect(plan.rows.map((row) => String(row.detail)).join('\n')).toContain('USING INDEX audit_log_at');
  });
});
