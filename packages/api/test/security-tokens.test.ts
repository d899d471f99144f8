import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { hashSecret } from '../src/auth/tokens.js';
import { tokens } from '../src/db/schema.js';
import { startTestService, type TestService } from './security-harness.js';

/** Token management over HTTP, for admins. */

interface Token {
  id: string;
  organisation: string;
  role: string;
  label: string | null;
  createdAt: string;
  revokedAt: string | null;
  secret?: string;
}

let service: TestService;
let admin: string;

beforeAll(async () => {
  service = await startTestService();
  admin = (await service.token('QWO', 'admin')).secret;
});

afterAll(async () => {
  await service.close();
});

async function createOverHttp(json: unknown): Promise<Token> {
  const response = await service.request('POST', '/tokens', { secret: admin, json });
  expect(response.status).toBe(201);
  return (await response.json()) as Token;
}

describe('token management', () => {
  test('a created token works at once, for its organisation and role', async () => {
    const token = await createOverHttp({ organisation: 'QWO', role: 'auditor', label: 'internal audit' });
    expect(token).toMatchObject({
      organisation: 'QWO',
      role: 'auditor',
      label: 'internal audit',
      revokedAt: null,
    });
    expect(token.secret).toMatch(/^parity_[\w-]{32}$/);
    const response = await service.request('GET', '/audit?limit=1', { secret: token.secret });
    expect(response.status).toBe(200);
  });

  test('only the sha256 of the secret is stored', async () => {
    const token = await createOverHttp({ organisation: 'RAA', role: 'provider' });
    const rows = await service.services.db.select().from(tokens);
    const row = rows.find((r) => r.id === token.id);
    expect(row?.secretHash).toBe(hashSecret(token.secret!));
    expect(rows.filter((r) => JSON.stringify(r).includes(token.secret!))).toEqual([]);
  });

  test('the list shows every token without its secret or hash', async () => {
    const token = await createOverHttp({ organisation: 'RAB', role: 'finance' });
    const response = await service.request('GET', '/tokens', { secret: admin });
    const list = (await response.json()) as Record<string, unknown>[];
    expect(list.find((t) => t.id === token.id)).toEqual({
      id: token.id,
      organisation: 'RAB',
      role: 'finance',
      label: null,
      createdAt: token.createdAt,
      revokedAt: null,
    });
    for (const listed of list)
      expect(Object.keys(listed).sort()).toEqual([
        'createdAt',
        'id',
        'label',
        'organisation',
        'revokedAt',
        'role',
      ]);
  });

  test('a revoked token is refused from the next request', async () => {
    const token = await createOverHttp({ organisation: 'RAA', role: 'provider' });
    expect((await service.request('GET', '/contracts', { secret: token.secret })).status).toBe(200);
    const revoked = await service.request('DELETE', `/tokens/${token.id}`, { secret: admin });
    expect(revoked.status).toBe(200);
    expect(((await revoked.json()) as Token).revokedAt).toBe(service.clock.now().toISOString());
    const refused = await service.request('GET', '/contracts', { secret: token.secret });
    expect(refused.status).toBe(401);
  });

  test('revoking a revoked token keeps the first revocation time', async () => {
    const token = await createOverHttp({ organisation: 'RAA', role: 'provider' });
    service.clock.set('2026-11-01T09:00:00Z');
    await service.request('DELETE', `/tokens/${token.id}`, { secret: admin });
    service.clock.set('2026-11-02T09:00:00Z');
    const again = await service.request('DELETE', `/tokens/${token.id}`, { secret: admin });
    expect(again.status).toBe(200);
    expect(((await again.json()) as Token).revokedAt).toBe('2026-11-01T09:00:00.000Z');
    const entries = await service.auditFor(again.headers.get('x-request-id'));
    expect(entries.map((e) => [e.action, JSON.parse(e.detail).alreadyRevoked])).toEqual([
      ['token.revoke', true],
    ]);
  });

  test('revoking an unknown token is a 404 envelope', async () => {
    const response = await service.request('DELETE', '/tokens/tok_000000000000', { secret: admin });
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({
      code: 'not-found',
      requestId: response.headers.get('x-request-id'),
    });
  });

  test.for([
    { organisation: 'qaa', role: 'provider' },
    { organisation: 'QAA; DROP', role: 'provider' },
    { organisation: 'QAA', role: 'superuser' },
    { organisation: 'QAA', role: 'provider', label: 'x'.repeat(201) },
    { role: 'provider' },
  ])('refuses to create a token from %j', async (json) => {
    const response = await service.request('POST', '/tokens', { secret: admin, json });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: 'invalid-request' });
  });

  test('an admin can revoke its own token, which then stops working', async () => {
    const own = await createOverHttp({ organisation: 'QWO', role: 'admin' });
    expect((await service.request('DELETE', `/tokens/${own.id}`, { secret: own.secret! })).status).toBe(200);
    expect((await service.request('GET', '/tokens', { secret: own.secret! })).status).toBe(401);
  });
});
