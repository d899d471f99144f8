import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { FEEDS_DIR } from '../src/demo-feeds.js';
import { playgroundAssets, playgroundDir } from '../src/playground/static-assets.js';
import type { AppEnv } from '../src/services.js';
import { contractSource, startTestService, type TestService } from './helpers/test-service.js';

/**
 * The playground's service side against the real service on loopback, with the demo loaded:
 * the demo feeds it offers, evaluating a contract as it stands in the editor, and its page.
 */

let service: TestService;
const SMI = 'demo/bradford-smi-cquin.parity';
const FEED = 'demo.bradford.SmiPhysicalHealthCquin';

beforeAll(async () => {
  service = await startTestService({ env: { PARITY_DEMO: 'true', MAX_CONTRACT_BYTES: '200000' } });
}, 120_000);
afterAll(() => service.close());

const evaluate = (body: unknown) =>
  service.request('/playground/evaluate', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

describe('POST /playground/evaluate', () => {
  test('offers the demo feeds, each with the file that declares its contract', async () => {
    const response = await service.request('/playground/feeds');
    expect(response.status).toBe(200);
    const { feeds } = (await response.json()) as {
      feeds: { contract: string; file: string; sources: string[] }[];
    };
    expect(feeds).toContainEqual(
      expect.objectContaining({ contract: FEED, file: SMI, sources: ['SmiRegister', 'InpatientStays'] }),
    );
  });

  test('offers the demo feeds of every demo contract the manifest feeds', async () => {
    const manifest = JSON.parse(readFileSync(join(FEEDS_DIR, 'manifest.json'), 'utf8')) as {
      feeds: { contract: string }[];
    };
    const { feeds } = (await (await service.request('/playground/feeds')).json()) as {
      feeds: { contract: string; file: string; from: string; to: string }[];
    };
    expect(feeds.map((f) => f.contract).sort()).toEqual(
      [...new Set(manifest.feeds.map((f) => f.contract))].sort(),
    );
    expect(feeds).toContainEqual(
      expect.objectContaining({
        contract: 'demo.devon.PerinatalMentalHealth',
        file: 'demo/devon-perinatal.parity',
        from: '2026-04',
        to: '2026-10',
      }),
    );
  });

  test('evaluates the contract as edited, without a token, and answers in pounds', async () => {
    const { text } = await contractSource(SMI);
    const raised = text.replace('linear from 40% to 60%', 'linear from 40% to 50%');
    expect(raised).not.toBe(text);
    const [before, after] = await Promise.all([
      evaluate({ file: SMI, source: text, feed: FEED }),
      evaluate({ file: SMI, source: raised, feed: FEED }),
    ]);
    expect(before.status).toBe(200);
    type Position = {
      contract: string;
      feed: string;
      lines: { kind: string; clause: string; period: string; pounds: string }[];
    };
    const original = (await before.json()) as Position;
    const edited = (await after.json()) as Position;
    expect(original).toMatchObject({ contract: FEED, feed: FEED });
    const sixChecks = (p: Position) =>
      p.lines.find((l) => l.clause === 'SixChecks' && l.period === '2026/27 Q1')!;
    expect(sixChecks(original).pounds).toMatch(/^[0-9]+\.[0-9]{2}$/);
    // A lower top of the range earns more for the same data.
    expect(Number(sixChecks(edited).pounds)).toBeGreaterThan(Number(sixChecks(original).pounds));
  });

  test('a contract with errors comes back with its diagnostics, line and column', async () => {
    const { text } = await contractSource(SMI);
    const response = await evaluate({
      file: SMI,
      source: text.replace('provider BradfordDistrictCare', 'provider NoSuchTrust'),
      feed: FEED,
    });
    expect(response.status).toBe(422);
    const body = (await response.json()) as {
      code: string;
      details: { line: number; column: number; message: string }[];
    };
    expect(body.code).toBe('invalid-contract');
    expect(body.details[0]).toMatchObject({ line: expect.any(Number), column: expect.any(Number) });
    expect(body.details.map((d) => d.message).join(' ')).toContain('NoSuchTrust');
  });

  test('an unknown feed, a library file and a bad body are refused', async () => {
    const { text } = await contractSource(SMI);
    expect((await evaluate({ file: SMI, source: text, feed: 'demo.nowhere.Nothing' })).status).toBe(404);
    const library = await contractSource('nhs/organisations.parity');
    const notContract = await evaluate({
      file: 'nhs/organisations.parity',
      source: library.text,
      feed: FEED,
    });
    expect(notContract.status).toBe(400);
    expect(((await notContract.json()) as { message: string }).message).toContain('declares no contract');
    expect((await evaluate({ file: SMI, feed: FEED })).status).toBe(400);
  });

  test('is in the OpenAPI document, without security', async () => {
    const document = (await (await service.request('/openapi.json')).json()) as {
      paths: Record<string, Record<string, { security?: unknown[] }>>;
    };
    expect(document.paths['/playground/evaluate']?.post?.security).toEqual([]);
    expect(document.paths['/playground/feeds']?.get).toBeDefined();
  });

  test('each client may evaluate sixty times a minute; other requests are not held back', async () => {
    // The earlier tests' evaluations count in the same minute.
    let refused: Response | undefined;
    for (let i = 0; i < 61 && !refused; i++) {
      const response = await evaluate({});
      if (response.status === 429) refused = response;
    }
    expect(refused).toBeDefined();
    expect(refused!.headers.get('retry-after')).toMatch(/^[0-9]+$/);
    expect(((await refused!.json()) as { code: string }).code).toBe('rate-limited');
    expect((await service.request('/playground/feeds')).status).toBe(200);
  });
});

describe('the playground page', () => {
  const built = existsSync(join(playgroundDir(), 'index.html'));

  test.skipIf(!built)('is served with content types, ETags and caching', async () => {
    const page = await service.request('/playground');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('cache-control')).toBe('no-cache');
    expect(await page.text()).toContain('/playground/main.js');

    const script = await service.request('/playground/main.js', { headers: { 'accept-encoding': 'gzip' } });
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    const etag = script.headers.get('etag')!;
    expect(etag).toMatch(/^"/);
    const again = await service.request('/playground/main.js', { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);

    const chunk = /chunks\/[^"']+\.js/.exec(await script.text())?.[0];
    expect(chunk).toBeDefined();
    const cached = await service.request(`/playground/${chunk}`);
    expect(cached.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');

    expect((await service.request('/playground/../package.json')).status).toBe(404);
    expect((await service.request('/playground/%2e%2e/%2e%2e/package.json')).status).toBe(404);
    expect((await service.request('/playground/no-such-file.js')).status).toBe(404);
  });

  test('says how to build it when it has not been built', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'parity-no-playground-'));
    try {
      const app = new Hono<AppEnv>().get('/playground', playgroundAssets(empty));
      const response = await app.request('/playground');
      expect(response.status).toBe(503);
      expect(await response.text()).toContain('pnpm --filter @parity/lsp build');
      writeFileSync(join(empty, 'index.html'), '<!doctype html><title>built</title>');
      expect(await (await app.request('/playground')).text()).toContain('built');
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});

// Last: the service answers 413 without reading the body, which leaves that connection unusable.
describe('a body too large', () => {
  test('bodies are limited to a contract’s size', async () => {
    const response = await evaluate({ file: SMI, source: 'x'.repeat(300_000), feed: FEED });
    expect(response.status).toBe(413);
    expect(((await response.json()) as { code: string }).code).toBe('payload-too-large');
  });
});
