import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createToken } from '../src/auth/tokens.js';
import { type RunningService, startService } from '../src/start.js';

/** The real service on a loopback port, its log lines captured as they are written. */
let service: RunningService;
let directory: string;
const lines: string[] = [];

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'parity-logs-'));
  service = await startService(
    {
      PORT: '0',
      DATABASE_URL: `file:${join(directory, 'x.db')}`,
      PARITY_DEMO: 'false',
      LOG_LEVEL: 'info',
    },
    undefined,
    { write: (line) => lines.push(...line.split('\n').filter(Boolean)) },
  );
});
afterAll(async () => {
  await service.close();
  await rm(directory, { recursive: true, force: true });
});

type LogLine = Record<string, unknown>;
const parsed = () => lines.map((line) => JSON.parse(line) as LogLine);
const requestLines = (requestId: string) =>
  parsed().filter((line) => line.message === 'request' && line.requestId === requestId);

test('logs each request once as JSON with an ISO time and the request id the response carries', async () => {
  const response = await fetch(`${service.url}/health`);
  const requestId = response.headers.get('x-request-id') ?? '';
  expect(response.status).toBe(200);
  expect(requestId).not.toBe('');
  const logged = requestLines(requestId);
  expect(logged).toHaveLength(1);
  const [line] = logged as [LogLine];
  expect(line).toMatchObject({
    level: 'info',
    method: 'GET',
    route: '/health',
    path: '/health',
    status: 200,
  });
  expect(line.time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  expect(Math.abs(Date.parse(line.time as string) - Date.now())).toBeLessThan(60_000);
  expect(typeof line.ms).toBe('number');
});

test('logs the route pattern, not only the path, of a parameterised route', async () => {
  const token = await createToken(service.services.db, service.services.clock, '36J', 'commissioner');
  const response = await fetch(`${service.url}/contracts/no.such.Contract/position`, {
    headers: { authorization: `Bearer ${token.secret}` },
  });
  expect(response.status).toBe(404);
  const [line] = requestLines(response.headers.get('x-request-id') ?? '');
  expect(line).toMatchObject({
    route: '/contracts/:name/position',
    path: '/contracts/no.such.Contract/position',
    status: 404,
  });
});

test('never writes a bearer secret or a query string into the log', async () => {
  const token = await createToken(service.services.db, service.services.clock, '36J', 'finance');
  const response = await fetch(`${service.url}/audit?action=publish`, {
    headers: { authorization: `Bearer ${token.secret}` },
  });
  expect(response.status).toBe(403);
  expect(requestLines(response.headers.get('x-request-id') ?? '')).toHaveLength(1);
  const all = lines.join('\n');
  expect(all).not.toContain(token.secret);
  expect(all).not.toContain('action=publish');
});

test('redacts a field named like a credential whoever logs it', () => {
  service.services.logger.warn('careless', { token: 'pst_leaked', detail: { secret: 'also leaked' } });
  const line = parsed().find((l) => l.message === 'careless');
  expect(line).toMatchObject({ token: '[redacted]', detail: { secret: '[redacted]' } });
  expect(lines.join('\n')).not.toContain('leaked');
});

test("keeps a caller's own request id, so a client and the service can find the same request", async () => {
  const response = await fetch(`${service.url}/ready`, {
    headers: { 'x-request-id': 'gp-upload-2026-05-0042' },
  });
  expect(response.headers.get('x-request-id')).toBe('gp-upload-2026-05-0042');
  expect(requestLines('gp-upload-2026-05-0042')).toMatchObject([{ route: '/ready', status: 200 }]);
});
