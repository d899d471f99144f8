import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { sweepTempFolders } from '../src/feeds/temp-folders.js';
import { startTestService, type TestService } from './helpers/test-service.js';

/** Row-level data is never left outside the database, and the database is its owner's alone. */

const started: TestService[] = [];
afterAll(async () => {
  for (const service of started) await service.close();
});

test('the database file and its journal are readable by the service alone', async () => {
  const service = await startTestService();
  started.push(service);
  await service.token('36J', 'commissioner');
  const path = service.databaseUrl.slice(5);
  expect((await stat(path)).mode & 0o777).toBe(0o600);
  expect((await stat(`${path}-wal`)).mode & 0o777).toBe(0o600);
});

test('a database made readable by others is made private when the service starts on it', async () => {
  const first = await startTestService();
  const { directory, databaseUrl } = first;
  await first.services.db.$client.close();
  const { chmod } = await import('node:fs/promises');
  await chmod(databaseUrl.slice(5), 0o644);
  const again = await startTestService({ directory });
  started.push(again);
  expect((await stat(databaseUrl.slice(5))).mode & 0o777).toBe(0o600);
});

test('spool and workbook folders of killed processes are swept, those of running ones kept', async () => {
  const directory = await mkdtemp(join(tmpdir(), 'parity-spools-'));
  try {
    // A process that has ended: its pid is no longer running.
    const ended = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
    const deadPid = Number(ended.stdout.toString());
    const dead = join(directory, `parity-feed-${deadPid}-abc123`);
    const older = join(directory, 'parity-feed-Xy12Zq');
    const deadWorkbook = join(directory, `parity-xlsx-${deadPid}-ghi789`);
    const live = join(directory, `parity-feed-${process.pid}-def456`);
    const other = join(directory, 'unrelated-folder');
    for (const folder of [dead, older, deadWorkbook, live, other]) await mkdir(folder);
    expect(await sweepTempFolders(directory)).toBe(3);
    await expect(stat(dead)).rejects.toThrow();
    await expect(stat(older)).rejects.toThrow();
    await expect(stat(deadWorkbook)).rejects.toThrow();
    expect((await stat(live)).isDirectory()).toBe(true);
    expect((await stat(other)).isDirectory()).toBe(true);
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
});
