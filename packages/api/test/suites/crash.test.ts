import { existsSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, expect, test } from 'vitest';
import {
  csvOf,
  EPISODE_COLUMNS,
  episodeRow,
  FEEDS_TEST_CONTRACT,
  FEEDS_TEST_NAME,
} from '../helpers/feeds-contract.js';
import { startTestService } from '../helpers/test-service.js';
import { BUILT, type ChildService, killNow, openUpload, spawnService } from './crash-child.js';
import { SeededRandom, suiteSeed } from './seeded-random.js';

/**
 * The crash suite: the built service, in a child process, is sent a large feed and killed with
 * SIGKILL at a seeded random point (while the feed uploads, or after, while it is read and
 * written). Started again on the same folder, the service finds the database intact, no partial
 * submission, every submission audited and the chain whole, and no folder of the killed process
 * left in the temporary folder. SEED=<n> replays a run; CRASH_RUNS and CRASH_ROWS set its size
 * (bench/crash-ingest.mjs runs 20 of 1,000,000 rows).
 */

const SEED = suiteSeed(20_261_209);
const RUNS = Number(process.env.CRASH_RUNS ?? 10);
const ROWS = Number(process.env.CRASH_ROWS ?? 200_000);
/** The fewest rows a run sends: half of ROWS unless CRASH_MIN_ROWS says (the long run sends them all). */
const MIN_ROWS = Number(process.env.CRASH_MIN_ROWS ?? Math.ceil(ROWS / 2));
const PATH = `/contracts/${FEEDS_TEST_NAME}/feeds/Episodes?period=2026-05`;

// The children's temporary folder and this process's are one of this file's own, so that what a
// killed child leaves can be seen (and is swept by the service started again here).
const TEMP = mkdtempSync(join(tmpdir(), 'crash-suite-'));
process.env.TMPDIR = TEMP;
afterAll(() => rm(TEMP, { recursive: true, force: true }));

/** A CSV feed of up to ROWS rows, and where each row ends, so a run can take the first n. */
function feedOfRows(count: number): { text: Buffer; ends: number[] } {
  const parts = [`${EPISODE_COLUMNS.join(',')}\n`];
  for (let i = 0; i < count; i++) parts.push(csvOf([], [episodeRow(i)]).slice(1));
  const ends: number[] = [];
  let at = 0;
  for (const part of parts) {
    at += Buffer.byteLength(part);
    ends.push(at);
  }
  return { text: Buffer.from(parts.join('')), ends };
}

async function publish(service: ChildService): Promise<void> {
  const response = await fetch(`${service.url}/contracts`, {
    method: 'POST',
    headers: { authorization: `Bearer ${service.commissioner}`, 'content-type': 'application/json' },
    body: JSON.stringify({ sources: [FEEDS_TEST_CONTRACT], effectiveDate: '2026-04-01' }),
  });
  expect(response.status).toBe(201);
}

/** What the killed process left in the temporary folder. */
function leftBy(pid: number): string[] {
  return readdirSync(TEMP).filter((name) =>
    [`parity-feed-${pid}-`, `parity-xlsx-${pid}-`, `tmp-${pid}-`].some((prefix) => name.startsWith(prefix)),
  );
}

/** Starts the service again on the killed one's folder and checks everything it finds; the rows stored. */
async function checkAfterRestart(
  directory: string,
  pid: number,
  rows: number,
): Promise<{ stored: number; left: string[] }> {
  // The child published on the system clock, so the restarted service reads the same clock.
  const again = await startTestService({ directory, now: new Date().toISOString() });
  try {
    const client = again.services.db.$client;
    const integrity = await client.execute('PRAGMA integrity_check');
    expect(integrity.rows.map((row) => Object.values(row)[0])).toEqual(['ok']);
    const submissions = await client.execute(
      'SELECT s.id, s.row_count AS rows, coalesce(sum(b.row_count), 0) AS stored FROM submissions s LEFT JOIN submission_blocks b ON b.submission_id = s.id GROUP BY s.id',
    );
    // No partial submission: none, or one holding every row sent.
    expect(submissions.rows.length).toBeLessThanOrEqual(1);
    for (const row of submissions.rows) {
      expect(Number(row.stored)).toBe(Number(row.rows));
      expect(Number(row.rows)).toBe(rows);
    }
    const unaudited = await client.execute(`
      SELECT s.id FROM submissions s WHERE (SELECT count(*) FROM audit_log a WHERE a.action = 'submit-feed'
        AND a.outcome = 'ok' AND json_extract(a.detail, '$.submission') = s.id) != 1`);
    expect(unaudited.rows).toEqual([]);
    const verify = await again.request('/audit/verify', { token: await again.token('36J', 'auditor') });
    expect(((await verify.json()) as { intact: boolean }).intact).toBe(true);
    const stored = submissions.rows.length;
    return { stored, left: leftBy(pid) };
  } finally {
    await again.close();
  }
}

function walSize(path: string): number {
  return statSync(path, { throwIfNoEntry: false })?.size ?? 0;
}

/** Waits (up to a minute) until the write-ahead log has grown by `bytes`, or the feed is answered. */
async function walGrowth(path: string, from: number, bytes: number, answered: () => boolean): Promise<void> {
  const deadline = performance.now() + 60_000;
  while (!answered() && performance.now() < deadline && walSize(path) < from + bytes)
    await new Promise((resolve) => setImmediate(resolve));
}

/**
 * How long the service takes, after the last byte of a full feed, to answer (the window a kill may
 * fall in), and how much its write-ahead log grows meanwhile (how far into the write one may).
 */
async function writeWindow(text: Buffer): Promise<{ ms: number; walBytes: number }> {
  const directory = await mkdtemp(join(TEMP, 'calibration-'));
  const service = await spawnService(directory, TEMP);
  try {
    await publish(service);
    const wal = join(directory, 'x.db-wal');
    const before = walSize(wal);
    const upload = openUpload(service.url, PATH, service.provider, 'text/csv', text);
    await upload.sendUpTo(text.length);
    const uploaded = performance.now();
    expect(await upload.answer).toBe(201);
    return { ms: performance.now() - uploaded, walBytes: walSize(wal) - before };
  } finally {
    await killNow(service);
    await rm(directory, { recursive: true, force: true });
  }
}

test(
  `${RUNS} services killed at random points of feeds of up to ${ROWS} rows start again whole`,
  async () => {
    expect(existsSync(BUILT), 'build the service first: pnpm --filter @parity/api build').toBe(true);
    const started = performance.now();
    const feed = feedOfRows(ROWS);
    const { ms: window, walBytes } = await writeWindow(feed.text);
    console.log(
      `crash suite: SEED=${SEED}, ${RUNS} runs, feeds of up to ${ROWS} rows, write window ${Math.round(window)} ms, log growth ${Math.round(walBytes / 1024)} KB`,
    );
    const counts = { upload: 0, write: 0, late: 0, answered: 0, stored: 0 };
    for (let run = 0; run < RUNS; run++) {
      const random = new SeededRandom((SEED ^ Math.imul(run + 1, 0x9e3779b1)) >>> 0);
      const rows = random.int(MIN_ROWS, ROWS);
      const body = feed.text.subarray(0, feed.ends[rows] as number);
      const mode = random.pick(['upload', 'upload', 'write', 'write', 'late'] as const);
      const fraction = 0.05 + random.next() * 0.9;
      const delay = random.next() * window * 2.5;
      // How far into the write: a share of the log the whole feed's write adds.
      const into = Math.round(4096 + random.next() * 0.9 * walBytes * (rows / ROWS));
      const directory = await mkdtemp(join(TEMP, 'run-'));
      const service = await spawnService(directory, TEMP);
      await publish(service);
      const upload = openUpload(service.url, PATH, service.provider, 'text/csv', body);
      let phase: 'upload' | 'write' | 'late' | 'answered';
      if (mode === 'upload') {
        await upload.sendUpTo(Math.floor(body.length * fraction));
        phase = 'upload';
      } else {
        const wal = join(directory, 'x.db-wal');
        const before = walSize(wal);
        await upload.sendUpTo(body.length);
        // Inside the write: once the write-ahead log grows with the feed's blocks.
        if (mode === 'write') await walGrowth(wal, before, into, upload.answered);
        else await Promise.race([upload.answer, new Promise((resolve) => setTimeout(resolve, delay))]);
        phase = upload.answered() ? 'answered' : mode;
      }
      await killNow(service);
      counts[phase]++;
      const when = {
        upload: `at ${Math.round(fraction * 100)}% of the upload`,
        write: `${Math.round(into / 1024)} KB into writing the feed, before the answer`,
        late: `${Math.round(delay)} ms after the upload, before the answer`,
        answered: `after the answer (due ${mode === 'write' ? `${Math.round(into / 1024)} KB into the write` : `${Math.round(delay)} ms after the upload`})`,
      }[phase];
      const label = `SEED=${SEED} run ${run}: ${rows} rows, killed ${when}`;
      const after = await checkAfterRestart(directory, service.pid, rows);
      counts.stored += after.stored;
      console.log(`  ${label}: ${after.stored ? 'stored whole' : 'nothing stored'}`);
      expect(after.left, label).toEqual([]);
      if (phase === 'upload') expect(after.stored, label).toBe(0);
    }
    console.log(
      `crash suite: SEED=${SEED} runs ${RUNS}; kills during upload (parsing, spooling) ${counts.upload}, during the write (log growing, no answer yet) ${counts.write}, after the upload before the answer ${counts.late}, after the answer ${counts.answered}; stored whole ${counts.stored}, partial 0; ${Math.round(performance.now() - started)} ms`,
    );
  },
  // A minute a run of 200,000 rows, five for the long run's million, and five minutes more.
  RUNS * Math.max(60_000, (ROWS / 200_000) * 60_000) + 5 * 60_000,
);

// The folder a workbook is uploaded into holds its rows: a killed service's is swept on start.
test('a service killed while an XLSX feed uploads leaves no workbook folder once started again', async () => {
  expect(existsSync(BUILT)).toBe(true);
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Episodes');
  sheet.addRow(EPISODE_COLUMNS);
  for (let i = 0; i < 20_000; i++) sheet.addRow(episodeRow(i));
  const body = Buffer.from(await workbook.xlsx.writeBuffer());
  const directory = await mkdtemp(join(TEMP, 'xlsx-run-'));
  const service = await spawnService(directory, TEMP);
  await publish(service);
  const upload = openUpload(
    service.url,
    PATH,
    service.provider,
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    body,
  );
  await upload.sendUpTo(Math.floor(body.length * 0.6));
  await new Promise((resolve) => setTimeout(resolve, 200));
  await killNow(service);
  const after = await checkAfterRestart(directory, service.pid, 20_000);
  expect(after.stored).toBe(0);
  expect(after.left).toEqual([]);
}, 120_000);
