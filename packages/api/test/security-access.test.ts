import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { cquinContract, startTestService, type TestService } from './security-harness.js';

/** Access rules beyond the matrix: whose figures a reader sees, and who may publish a version. */

const A = 'security.alpha.Main';
const SOURCE_A = cquinContract('security.alpha', 'QAA', ['RAA', 'RAB']);
let service: TestService;
let commissioner: string;

beforeAll(async () => {
  service = await startTestService();
  commissioner = (await service.token('QAA', 'commissioner')).secret;
  await service.publish(commissioner, SOURCE_A, 'alpha.parity');
});

afterAll(async () => {
  await service.close();
});

const providersIn = (json: unknown) =>
  [...new Set((json as { lines: { provider: string }[] }).lines.map((l) => l.provider))].sort();

async function expectRefusedAndAudited(response: Response, status: 401 | 403): Promise<void> {
  const body = (await response.json()) as { code: string; requestId: string };
  expect(response.status).toBe(status);
  expect(body.requestId).toBe(response.headers.get('x-request-id'));
  expect((await service.auditFor(body.requestId)).map((e) => e.outcome)).toEqual(['refused']);
}

describe('whose figures a reader sees', () => {
  test("the commissioner's statement covers every provider", async () => {
    const response = await service.request('GET', `/contracts/${A}/statement`, { secret: commissioner });
    expect(providersIn(await response.json())).toEqual(['RAA', 'RAB']);
  });

  test('a provider sees only its own position', async () => {
    const { secret } = await service.token('RAA', 'provider');
    const response = await service.request('GET', `/contracts/${A}/position`, { secret });
    const body = (await response.json()) as { provider: string; lines: { provider: string }[] };
    expect(body.provider).toBe('RAA');
    expect(providersIn(body)).toEqual(['RAA']);
  });

  test("a provider asking for another provider's position is refused", async () => {
    const { secret } = await service.token('RAA', 'provider');
    await expectRefusedAndAudited(
      await service.request('GET', `/contracts/${A}/position?provider=RAB`, { secret }),
      403,
    );
  });

  test("a provider organisation's finance team sees only its own statement lines", async () => {
    const { secret } = await service.token('RAA', 'finance');
    const response = await service.request('GET', `/contracts/${A}/statement`, { secret });
    expect(response.status).toBe(200);
    expect(providersIn(await response.json())).toEqual(['RAA']);
  });

  test("a provider organisation's finance team cannot ask for another provider's statement", async () => {
    const { secret } = await service.token('RAA', 'finance');
    await expectRefusedAndAudited(
      await service.request('GET', `/contracts/${A}/statement?provider=RAB&format=csv`, { secret }),
      403,
    );
  });

  test("a provider organisation's finance team sees only its own position", async () => {
    const { secret } = await service.token('RAB', 'finance');
    const response = await service.request('GET', `/contracts/${A}/position`, { secret });
    expect(providersIn(await response.json())).toEqual(['RAB']);
  });
});

describe('who may publish', () => {
  test('another commissioner cannot take over a contract by publishing a version naming itself', async () => {
    const { secret } = await service.token('QAB', 'commissioner');
    const takeover = cquinContract('security.alpha', 'QAB', ['RAA', 'RAB']);
    const response = await service.request('POST', '/contracts', {
      secret,
      json: { sources: [{ path: 'alpha.parity', text: takeover }] },
    });
    await expectRefusedAndAudited(response, 403);
    const versions = await service.request('GET', `/contracts/${A}`, { secret: commissioner });
    expect(((await versions.json()) as { versions: unknown[] }).versions).toHaveLength(1);
  });

  test('a provider is refused before its sources are checked', async () => {
    const { secret } = await service.token('RAA', 'provider');
    const response = await service.request('POST', '/contracts', {
      secret,
      json: { sources: [{ path: 'x.parity', text: 'not a contract' }] },
    });
    await expectRefusedAndAudited(response, 403);
  });

  test('a commissioner publishing a new version of its own contract is audited', async () => {
    const revised = SOURCE_A.replace('Checks CQUIN', 'Checks CQUIN, revised');
    const response = await service.request('POST', '/contracts', {
      secret: commissioner,
      json: { sources: [{ path: 'alpha.parity', text: revised }] },
    });
    expect(response.status).toBe(201);
    const entries = await service.auditFor(response.headers.get('x-request-id'));
    expect(entries.map((e) => [e.action, e.subject, e.outcome])).toEqual([['publish', A, 'ok']]);
  });
});

describe('unauthenticated callers', () => {
  test('a malformed authorization header is refused as no bearer token', async () => {
    const response = await service.request('GET', '/contracts', {
      headers: { authorization: 'Basic dXNlcjpwYXNz' },
    });
    const body = (await response.clone().json()) as { message: string };
    expect(body.message).toContain('Send a bearer token');
    await expectRefusedAndAudited(response, 401);
  });

  test('a refusal records what was asked and why, never the token', async () => {
    const response = await service.request('GET', `/contracts/${A}/statement`, {
      secret: 'parity_made-up-secret',
    });
    const [entry] = await service.auditFor(response.headers.get('x-request-id'));
    expect(entry).toMatchObject({
      actor: 'anonymous',
      action: 'authenticate',
      subject: `GET /contracts/${A}/statement`,
      outcome: 'refused',
    });
    expect(JSON.parse(entry!.detail)).toMatchObject({
      reason: 'unknown or revoked token',
      address: '127.0.0.1',
    });
    expect(entry!.detail).not.toContain('made-up');
  });
});

describe('responses', () => {
  const IMPORTANT = {
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'SAMEORIGIN',
    'strict-transport-security': 'max-age=15552000; includeSubDomains',
    'referrer-policy': 'no-referrer',
    'cross-origin-resource-policy': 'same-origin',
    'cross-origin-opener-policy': 'same-origin',
  };

  test.for([
    ['a public page', '/health', undefined, 200],
    ['an authenticated read', `/contracts/${A}`, 'commissioner', 200],
    ['a refusal', `/contracts/${A}`, undefined, 401],
    ['a missing route', '/nowhere', undefined, 404],
  ] as const)('%s carries the secure headers and a request id', async ([, path, who, status]) => {
    const response = await service.request('GET', path, { secret: who && commissioner });
    expect(response.status).toBe(status);
    expect(Object.fromEntries(Object.keys(IMPORTANT).map((h) => [h, response.headers.get(h)]))).toEqual(
      IMPORTANT,
    );
    expect(response.headers.get('x-powered-by')).toBeNull();
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  test('responses to authenticated routes are never cached', async () => {
    for (const secret of [commissioner, undefined]) {
      const response = await service.request('GET', `/contracts/${A}/statement?format=csv`, { secret });
      expect(response.headers.get('cache-control')).toBe('no-store');
    }
  });

  test('the OpenAPI document describes token management and the audit log', async () => {
    const document = (await (await service.request('GET', '/openapi.json')).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    expect(Object.keys(document.paths['/tokens'] ?? {}).sort()).toEqual(['get', 'post']);
    expect(Object.keys(document.paths['/tokens/{id}'] ?? {})).toEqual(['delete']);
    expect(Object.keys(document.paths['/audit'] ?? {})).toEqual(['get']);
  });
});
