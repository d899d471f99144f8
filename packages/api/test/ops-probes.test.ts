import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CONTRACT_MODEL_SCHEMA_VERSION } from '@parity/engine';
import { afterEach, expect, test } from 'vitest';
import { startTestService, type TestService } from './helpers/test-service.js';

let service: TestService | undefined;
afterEach(async () => {
  await service?.close();
  service = undefined;
});

test('is ready when the database answers and every migration is applied', async () => {
  service = await startTestService();
  const response = await service.request('/ready');
  expect(response.status).toBe(200);
  expect(await response.json()).toEqual({ status: 'ready' });
});

test('is not ready, naming the migration, when the database lacks the latest migration', async () => {
  service = await startTestService();
  const journal = JSON.parse(
    await readFile(join(import.meta.dirname, '../drizzle/meta/_journal.json'), 'utf8'),
  ) as { entries: { tag: string; when: number }[] };
  const latest = journal.entries.at(-1) as { tag: string; when: number };
  await service.services.db.$client.execute({
    sql: 'DELETE FROM __drizzle_migrations WHERE created_at = ?',
    args: [latest.when],
  });
  const response = await service.request('/ready');
  expect(response.status).toBe(503);
  expect(await response.json()).toEqual({
    status: 'unavailable',
    reason: `The database lacks 1 migration: ${latest.tag}.`,
  });
  // Liveness is another question: the process still serves.
  expect((await service.request('/health')).status).toBe(200);
});

test('is not ready when the database does not answer', async () => {
  service = await startTestService();
  service.services.db.$client.close();
  const response = await service.request('/ready');
  expect(response.status).toBe(503);
  const body = (await response.json()) as { status: string; reason: string };
  expect(body.status).toBe('unavailable');
  expect(body.reason).toMatch(/^The database did not answer: /);
});

test('never rate limits the health and readiness probes, though it limits other routes', async () => {
  service = await startTestService({ env: { RATE_LIMIT_PER_MINUTE: '3' } });
  for (let i = 0; i < 6; i++) {
    expect((await service.request('/health')).status).toBe(200);
    expect((await service.request('/ready')).status).toBe(200);
  }
  const versions = [];
  for (let i = 0; i < 4; i++) versions.push((await service.request('/version')).status);
  expect(versions).toEqual([200, 200, 200, 429]);
});

test('says which release, commit and contract model schema it runs', async () => {
  service = await startTestService({ env: { PARITY_COMMIT: '0123abc' } });
  const release = JSON.parse(await readFile(join(import.meta.dirname, '../package.json'), 'utf8')) as {
    version: string;
  };
  const response = await service.request('/version');
  expect(response.status).toBe(200);
  expect(await response.json()).toEqual({
    name: 'parity',
    version: release.version,
    commit: '0123abc',
    modelSchemaVersion: CONTRACT_MODEL_SCHEMA_VERSION,
  });
});

test('says the commit is unknown when the build did not name it', async () => {
  service = await startTestService();
  expect(((await (await service.request('/version')).json()) as { commit: string }).commit).toBe('unknown');
});

test('documents the health, readiness, metrics and version routes in the OpenAPI document', async () => {
  service = await startTestService();
  const document = (await (await service.request('/openapi.json')).json()) as {
    paths: Record<string, Record<string, { responses: Record<string, unknown>; security?: unknown[] }>>;
  };
  for (const path of ['/health', '/ready', '/metrics', '/version']) {
    expect(document.paths[path]?.get, path).toBeDefined();
    // Public: no bearer token asked of a probe or a scraper.
    expect(document.paths[path]?.get?.security, path).toEqual([]);
  }
  expect(Object.keys(document.paths['/ready']?.get?.responses ?? {})).toEqual(['200', '503']);
  expect(document.paths['/metrics']?.get?.responses['200']).toMatchObject({ content: { 'text/plain': {} } });
});
