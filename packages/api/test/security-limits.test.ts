import { and, eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { auditLog } from '../src/db/schema.js';
import { rateLimit } from '../src/rate-limit.js';
import type { AppEnv } from '../src/services.js';
import { startTestService, type TestService } from './security-harness.js';

/**
 * Body size limits per route and rate limits per client, against a service configured small:
 * contracts up to 4 KiB, feeds up to 16 KiB, 5 requests a minute per client.
 */

let service: TestService;

beforeAll(async () => {
  service = await startTestService({
    MAX_CONTRACT_BYTES: '4096',
    MAX_FEED_BYTES: '16384',
    RATE_LIMIT_PER_MINUTE: '5',
  });
});

afterAll(async () => {
  await service.close();
});

const padding = (bytes: number) => 'x'.repeat(bytes);
const publication = (bytes: number) =>
  JSON.stringify({ sources: [{ path: 'big.parity', text: padding(bytes) }] });

/** A 413 in the shared envelope, with its request id and the secure headers; the limit named when given. */
async function expectTooLarge(response: Response, limit?: number): Promise<void> {
  expect(response.status).toBe(413);
  const requestId = response.headers.get('x-request-id');
  expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
  expect(await response.json()).toEqual({
    code: 'payload-too-large',
    message:
      limit === undefined ? expect.any(String) : `The body is larger than the ${limit} bytes allowed here.`,
    requestId,
  });
  expect(response.headers.get('x-content-type-options')).toBe('nosniff');
}

describe('body size limits', () => {
  test('a contract publication over its limit is refused with 413', async () => {
    const { secret } = await service.token('QAA', 'commissioner');
    const response = await service.request('POST', '/contracts', {
      secret,
      body: publication(5000),
      headers: { 'content-type': 'application/json' },
    });
    await expectTooLarge(response, 4096);
  });

  test('a publication streamed without a length is cut off at the limit too', async () => {
    const { secret } = await service.token('QAA', 'commissioner');
    const chunk = new TextEncoder().encode(publication(5000));
    const body = new ReadableStream({
      start(controller) {
        controller.enqueue(chunk.slice(0, 2000));
        controller.enqueue(chunk.slice(2000));
        controller.close();
      },
    });
    const response = await fetch(`${service.url}/contracts`, {
      method: 'POST',
      headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
      body,
      duplex: 'half',
    } as RequestInit);
    await expectTooLarge(response, 4096);
  });

  test('a feed may be larger than a publication, up to its own limit', async () => {
    const { secret } = await service.token('RAA', 'provider');
    const path = '/contracts/security.alpha.Main/feeds/Returns?period=2026-09';
    const headers = { 'content-type': 'text/csv' };
    const within = await service.request('POST', path, { secret, body: padding(8000), headers });
    expect(within.status).not.toBe(413);
    await expectTooLarge(
      await service.request('POST', path, { secret, body: padding(20000), headers }),
      16384,
    );
  });

  test('a token request over 16 KiB is refused with 413', async () => {
    const { secret } = await service.token('QWO', 'admin');
    const response = await service.request('POST', '/tokens', {
      secret,
      json: { organisation: 'QAA', role: 'admin', label: padding(17000) },
    });
    await expectTooLarge(response, 16384);
  });
});

describe('rate limits', () => {
  test('a client over its limit gets 429 with Retry-After, audited once', async () => {
    const { id, secret } = await service.token('QWO', 'auditor');
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i < 7; i++) {
      last = await service.request('GET', '/audit?limit=1', { secret });
      statuses.push(last.status);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(Number(last!.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    expect(await last!.json()).toMatchObject({
      code: 'rate-limited',
      requestId: last!.headers.get('x-request-id'),
    });
    const audited = await service.services.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'rate-limit'), eq(auditLog.actor, `QWO/auditor/${id}`)));
    expect(audited).toHaveLength(1);
  });

  test("one client's limit leaves others alone", async () => {
    const first = (await service.token('RAA', 'provider')).secret;
    const second = (await service.token('RAA', 'provider')).secret;
    for (let i = 0; i < 6; i++) await service.request('GET', '/contracts', { secret: first });
    expect((await service.request('GET', '/contracts', { secret: first })).status).toBe(429);
    expect((await service.request('GET', '/contracts', { secret: second })).status).toBe(200);
  });

  test('made-up tokens count against the address, so rotating them buys nothing', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++)
      statuses.push((await service.request('GET', '/contracts', { secret: `parity_guess${i}` })).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429]);
  });

  test('the window opens again after a minute', async () => {
    let now = 0;
    const app = new Hono<AppEnv>();
    app.use('*', async (c, next) => {
      c.set('services', service.services);
      await next();
    });
    app.use(
      '*',
      rateLimit(2, () => now),
    );
    app.get('/', (c) => c.text('ok'));
    app.onError((_error, c) => c.text('limited', 429));
    const statuses = async (n: number) => {
      const seen: number[] = [];
      for (let i = 0; i < n; i++) seen.push((await app.request('/')).status);
      return seen;
    };
    expect(await statuses(3)).toEqual([200, 200, 429]);
    now = 59_999;
    expect(await statuses(1)).toEqual([429]);
    now = 60_000;
    expect(await statuses(3)).toEqual([200, 200, 429]);
  });
});
