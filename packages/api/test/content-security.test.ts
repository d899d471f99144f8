import { afterAll, beforeAll, expect, test } from 'vitest';
import { startTestService, type TestService } from './helpers/test-service.js';

/** Every answer carries a Content-Security-Policy; pages load only the service's own scripts. */

let service: TestService;
beforeAll(async () => {
  service = await startTestService();
});
afterAll(() => service.close());

test('JSON answers may load nothing and be framed by no one', async () => {
  for (const path of ['/health', '/contracts', '/openapi.json']) {
    const response = await service.request(path);
    expect(response.headers.get('content-security-policy')).toBe(
      "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
    );
  }
});

test('the API reference is served from this service, with no inline or third-party script', async () => {
  const page = await service.request('/docs');
  expect(page.status).toBe(200);
  const policy = page.headers.get('content-security-policy') ?? '';
  expect(policy).toContain("script-src 'self'");
  expect(policy).not.toMatch(/script-src[^;]*(unsafe|https?:)/);
  const html = await page.text();
  const scripts = [...html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
  expect(scripts.map(([, attributes]) => /src="(\/docs\/[a-z.]+)"/.exec(attributes ?? '')?.[1])).toEqual([
    '/docs/scalar.js',
    '/docs/start.js',
  ]);
  expect(scripts.every(([, , body]) => body?.trim() === '')).toBe(true);
  for (const script of ['/docs/scalar.js', '/docs/start.js']) {
    const response = await service.request(script);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('javascript');
    expect((await response.text()).length).toBeGreaterThan(100);
  }
});
