import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, expect, test } from 'vitest';
import {
  csvOf,
  EPISODE_COLUMNS,
  episodeRow,
  FEEDS_TEST_CONTRACT,
  FEEDS_TEST_NAME,
} from './helpers/feeds-contract.js';
import {
  postFeed,
  publishContract,
  startTestService,
  storedCounts,
  type TestService,
} from './helpers/test-service.js';

const started: TestService[] = [];
afterAll(async () => {
  for (const service of started) await service.close();
});

test('a feed of 50,000 rows with one bad row at the end stores nothing', async () => {
  const service = await startTestService();
  started.push(service);
  await publishContract(service, await service.token('36J', 'commissioner'), [FEEDS_TEST_CONTRACT]);
  const rows = Array.from({ length: 50_000 }, (_, i) =>
    episodeRow(i, i === 49_999 ? { cost: 'twelve pounds' } : {}),
  );
  const response = await postFeed(service, await service.token('TAD', 'provider'), {
    contract: FEEDS_TEST_NAME,
    source: 'Episodes',
    period: '2026-05',
    body: csvOf(EPISODE_COLUMNS, rows),
  });
  expect(response.status).toBe(422);
  expect(response.body.details).toEqual({
    errors: [{ row: 50_000, column: 'cost', message: expect.stringContaining('not "twelve pounds"') }],
    total: 1,
  });
  expect(await storedCounts(service)).toEqual({ submissions: 0, blocks: 0 });
});

// ------------------------------------------------------------------ a crash in the middle of a feed

const BUILT = join(import.meta.dirname, '../out/index.js');

/** The built service in a child process, as `parity serve` runs it; prints its URL and two tokens. */
async function spawnService(
  directory: string,
): Promise<{ child: ChildProcess; url: string; commissioner: string; provider: string }> {
  const script = `
    import { createToken, startService } from ${JSON.stringify(pathToFileURL(BUILT).href)};
    const running = await startService(process.env);
    const { db, clock } = running.services;
    const commissioner = (await createToken(db, clock, '36J', 'commissioner')).secret;
    const provider = (await createToken(db, clock, 'TAD', 'provider')).secret;
    process.stdout.write(JSON.stringify({ url: running.url, commissioner, provider }) + '\\n');
  `;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_URL: `file:${join(directory, 'x.db')}`,
      PARITY_DEMO: 'false',
      LOG_LEVEL: 'silent',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  for await (const chunk of child.stdout as AsyncIterable<Buffer>) {
    output += chunk.toString();
    if (output.includes('\n')) break;
  }
  return { child, ...(JSON.parse(output) as { url: string; commissioner: string; provider: string }) };
}

/**
 * Starts uploading `total` bytes of feed, declared up front, and sends `sent` of them slowly; the
 * upload is left hanging (the server is about to be killed). Resolves once they are written.
 */
async function startSlowUpload(
  url: string,
  token: string,
  lines: string[],
  total: number,
  sent: number,
): Promise<void> {
  const target = new URL(url);
  const req = request({
    host: target.hostname,
    port: target.port,
    method: 'POST',
    path: `/contracts/${FEEDS_TEST_NAME}/feeds/Episodes?period=2026-05`,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv', 'content-length': total },
  });
  req.on('error', () => undefined);
  let written = 0;
  for (let i = 0; i < sent; i += 2_000) {
    const text = lines.slice(i, i + 2_000).join('');
    written += Buffer.byteLength(text);
    if (!req.write(text)) await once(req, 'drain');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  expect(written).toBeLessThan(total);
}

test('a server killed in the middle of a feed leaves no submission and no blocks when it starts again', async () => {
  expect(existsSync(BUILT), 'build the service first: pnpm --filter @parity/api build').toBe(true);
  const directory = await mkdtemp(join(tmpdir(), 'parity-crash-'));
  const first = await spawnService(directory);
  try {
    const published = await fetch(`${first.url}/contracts`, {
      method: 'POST',
      headers: { authorization: `Bearer ${first.commissioner}`, 'content-type': 'application/json' },
      body: JSON.stringify({ sources: [FEEDS_TEST_CONTRACT], effectiveDate: '2026-04-01' }),
    });
    expect(published.status).toBe(201);
    const lines = [
      `${EPISODE_COLUMNS.join(',')}\n`,
      ...Array.from({ length: 60_000 }, (_, i) => `${episodeRow(i).join(',')}\n`),
    ];
    const total = lines.reduce((sum, line) => sum + Buffer.byteLength(line), 0);
    // 40,000 rows: four blocks compressed and waiting for the transaction, the rest never sent.
    await startSlowUpload(first.url, first.provider, lines, total, 40_001);
    await new Promise((resolve) => setTimeout(resolve, 300));
  } finally {
    first.child.kill('SIGKILL');
    await once(first.child, 'exit');
  }
  // The child published on the system clock, so the restarted service reads the same clock.
  const again = await startTestService({ directory, now: new Date().toISOString() });
  started.push(again);
  expect(await storedCounts(again)).toEqual({ submissions: 0, blocks: 0 });
  const tad = await again.token('TAD', 'provider');
  const retried = await postFeed(again, tad, {
    contract: FEEDS_TEST_NAME,
    source: 'Episodes',
    period: '2026-05',
    body: csvOf(EPISODE_COLUMNS, [episodeRow(1)]),
  });
  expect(retried.status).toBe(201);
  expect(await storedCounts(again)).toEqual({ submissions: 1, blocks: 1 });
});
