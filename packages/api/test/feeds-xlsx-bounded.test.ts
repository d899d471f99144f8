import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { sweepTempFolders } from '../src/feeds/temp-folders.js';
import { XlsxRefusal } from '../src/feeds/xlsx-refusal.js';
import { readWorkbook } from '../src/feeds/xlsx-workers.js';
import { ZIP_LIMITS } from '../src/feeds/xlsx-zip-check.js';
import {
  EPISODE_COLUMNS,
  episodeRow,
  FEEDS_TEST_CONTRACT,
  FEEDS_TEST_NAME,
} from './helpers/feeds-contract.js';
import {
  type FeedResponse,
  postFeed,
  publishContract,
  startTestService,
  storedCounts,
  type TestService,
} from './helpers/test-service.js';
import { deflatedPart, SHEET_HEAD, SHEET_TAIL, sheetRow, workbookParts, zipOf } from './helpers/xlsx-zip.js';

/**
 * XLSX feeds are read within bounds: a damaged workbook is answered, not left hanging; a zip bomb
 * is refused from its directory without being inflated; a part whose CRC-32 does not match is
 * refused; nothing is stored on refusal and no file is left in the temporary folder.
 */

// The service's temporary folder is one of this file's own, so that what it leaves can be seen.
const TEMP = mkdtempSync(join(tmpdir(), 'parity-test-xlsx-'));
process.env.TMPDIR = TEMP;

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const SHEET = 'xl/worksheets/sheet1.xml';
let service: TestService;
let tad: string;

beforeAll(async () => {
  service = await startTestService({ now: '2026-06-01T09:00:00.000Z' });
  await publishContract(service, await service.token('36J', 'commissioner'), [FEEDS_TEST_CONTRACT]);
  tad = await service.token('TAD', 'provider');
}, 120_000);
afterAll(async () => {
  await service.close();
  rmSync(TEMP, { recursive: true, force: true });
});

afterEach(() => {
  expect(leftovers()).toEqual([]);
  expect(descriptorsInto(TEMP)).toEqual([]);
});

/** What the temporary folder holds besides the service's own database folder. */
function leftovers(): string[] {
  return readdirSync(TEMP).filter((name) => name !== basename(service.directory));
}

/** This process's open descriptors on files in `folder`, other than the database's. */
function descriptorsInto(folder: string): string[] {
  return readdirSync('/proc/self/fd')
    .map((fd) => {
      try {
        return readlinkSync(`/proc/self/fd/${fd}`);
      } catch {
        return '';
      }
    })
    .filter((target) => target.startsWith(folder) && !target.startsWith(service.directory));
}

async function send(body: Uint8Array, timeoutMs = 10_000): Promise<FeedResponse & { ms: number }> {
  const started = performance.now();
  const response = await Promise.race([
    postFeed(service, tad, {
      contract: FEEDS_TEST_NAME,
      source: 'Episodes',
      period: '2026-05',
      body,
      contentType: XLSX,
    }),
    new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs),
    ),
  ]);
  return { ...response, ms: performance.now() - started };
}

/** A stored (uncompressed) workbook of Episodes rows, its sheet's bytes editable in place. */
function storedWorkbook(rows: number, header: readonly string[] = EPISODE_COLUMNS): Uint8Array {
  const lines = [sheetRow(1, header)];
  for (let n = 1; n <= rows; n++) lines.push(sheetRow(n + 1, episodeRow(n)));
  const sheet = { name: SHEET, stored: Buffer.from(SHEET_HEAD + lines.join('') + SHEET_TAIL) };
  return zipOf([...workbookParts(), sheet]);
}

/** A workbook as a spreadsheet program writes it (deflated parts, data descriptors). */
async function excelWorkbook(rows: number): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Episodes');
  sheet.addRow(EPISODE_COLUMNS);
  for (let n = 1; n <= rows; n++) sheet.addRow(episodeRow(n));
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/** Where a part's zipped data lies, read from the workbook's central directory. */
function dataOf(zip: Uint8Array, name: string): { start: number; end: number } {
  const bytes = Buffer.from(zip);
  const local = bytes.indexOf(name) - 30;
  const central = bytes.lastIndexOf(name) - 46;
  const start = local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28);
  return { start, end: start + bytes.readUInt32LE(central + 20) };
}

describe('XLSX feeds within bounds', () => {
  test('stores a valid workbook and leaves no file behind', async () => {
    const response = await send(storedWorkbook(3));
    expect(response.body.message).toBeUndefined();
    expect(response.status).toBe(201);
    expect(response.body.rows).toBe(3);
  });

  test('answers every workbook with a byte flipped in its worksheet with a refusal naming the part, storing nothing', async () => {
    const zip = await excelWorkbook(40);
    const { start, end } = dataOf(zip, SHEET);
    const before = await storedCounts(service);
    for (let i = 0; i < 12; i++) {
      const flipped = zip.slice();
      const at = start + Math.floor(((end - start) * i) / 12);
      flipped[at] = (flipped[at] as number) ^ 0xff;
      const response = await send(flipped);
      expect(response.status, `byte ${at}`).toBe(422);
      expect(response.body.details?.errors[0]).toMatchObject({ row: 0, column: SHEET });
    }
    expect(await storedCounts(service)).toEqual(before);
  }, 180_000);

  test('answers a workbook with any byte flipped within the timeout, never with a 5xx', async () => {
    const zip = await excelWorkbook(40);
    const before = await storedCounts(service);
    let stored = 0;
    for (let at = 5; at < zip.length; at += Math.ceil(zip.length / 24)) {
      const flipped = zip.slice();
      flipped[at] = (flipped[at] as number) ^ 0xff;
      const response = await send(flipped);
      expect(response.status, `byte ${at}: ${response.body.message}`).toBeLessThan(500);
      if (response.status === 201) stored++;
      else expect(response.status, `byte ${at}`).toBe(422);
    }
    expect((await storedCounts(service)).submissions).toBe(before.submissions + stored);
  }, 180_000);

  test('refuses a zip bomb from its directory, fast and without inflating it', async () => {
    const spaces = new Uint8Array(1024 * 1024).fill(0x20);
    const head = SHEET_HEAD + sheetRow(1, EPISODE_COLUMNS) + sheetRow(2, episodeRow(1));
    const bomb = await deflatedPart(SHEET, head, spaces, 300, SHEET_TAIL);
    const zip = zipOf([...workbookParts(), bomb]);
    expect(zip.length).toBeLessThan(1024 * 1024);
    const before = await storedCounts(service);
    const rss = process.memoryUsage().rss;
    const response = await send(zip);
    expect(response.status).toBe(422);
    expect(response.body.details?.errors[0]).toMatchObject({ row: 0, column: SHEET });
    expect(response.body.details?.errors[0]?.message).toMatch(/zip bomb/);
    expect(response.ms).toBeLessThan(3000);
    expect(process.memoryUsage().rss - rss).toBeLessThan(100 * 1024 * 1024);
    expect(await storedCounts(service)).toEqual(before);
  }, 60_000);

  test('refuses a part that inflates past the size its directory declares, stopping there', async () => {
    const spaces = new Uint8Array(1024 * 1024).fill(0x20);
    const head = SHEET_HEAD + sheetRow(1, EPISODE_COLUMNS) + sheetRow(2, episodeRow(1));
    const bomb = await deflatedPart(SHEET, head, spaces, 300, SHEET_TAIL);
    const zip = zipOf([...workbookParts(), { ...bomb, size: 10_000 }]);
    const before = await storedCounts(service);
    const response = await send(zip);
    expect(response.status).toBe(422);
    expect(response.body.details?.errors).toEqual([
      { row: 0, column: SHEET, message: expect.stringMatching(/more than its declared size/) },
    ]);
    expect(response.ms).toBeLessThan(3000);
    expect(await storedCounts(service)).toEqual(before);
  }, 60_000);

  test('refuses a workbook whose edited cell no longer matches its CRC-32', async () => {
    const zip = Buffer.from(storedWorkbook(3));
    const at = zip.indexOf('P000001');
    expect(at).toBeGreaterThan(0);
    zip.write('P000009', at);
    const before = await storedCounts(service);
    const response = await send(new Uint8Array(zip));
    expect(response.status).toBe(422);
    expect(response.body.details?.errors[0]).toMatchObject({ row: 0, column: SHEET });
    expect(response.body.details?.errors[0]?.message).toMatch(/CRC-32/);
    expect(await storedCounts(service)).toEqual(before);
  });

  test('refuses a ZIP that is not a workbook, naming the part it lacks', async () => {
    const response = await send(zipOf([{ name: 'notes.txt', stored: Buffer.from('not a workbook') }]));
    expect(response.status).toBe(422);
    expect(response.body.details?.errors).toEqual([
      { row: 0, column: 'xl/workbook.xml', message: expect.stringMatching(/not an XLSX workbook/) },
    ]);
  });

  test('leaves no file or open descriptor when a workbook is refused at its header', async () => {
    const before = await storedCounts(service);
    const response = await send(storedWorkbook(3, ['person', 'who_knows', ...EPISODE_COLUMNS.slice(1)]));
    expect(response.status).toBe(422);
    expect(await storedCounts(service)).toEqual(before);
  });

  test('refuses a workbook that takes longer than its budget to read, stopping its reader', async () => {
    const folder = mkdtempSync(join(TEMP, 'budget-'));
    const path = join(folder, 'workbook.xlsx');
    const bytes = await excelWorkbook(20_000);
    writeFileSync(path, bytes);
    const file = await open(path, 'r');
    const started = performance.now();
    try {
      const job = { file: file.fd, size: bytes.length, limits: ZIP_LIMITS };
      const reading = (async () => {
        for await (const _ of readWorkbook(job, { ms: 300, memoryMb: 128 })) {
          // Rows are not wanted: the budget is.
        }
      })();
      await expect(reading).rejects.toThrow(/took longer than the 0 s allowed/);
      await expect(reading).rejects.toThrow(XlsxRefusal);
      expect(performance.now() - started).toBeLessThan(2000);
    } finally {
      await file.close();
      rmSync(folder, { recursive: true, force: true });
    }
  }, 60_000);

  test('reads two workbooks at once, a third waiting its turn', async () => {
    const folder = mkdtempSync(join(TEMP, 'turns-'));
    const path = join(folder, 'workbook.xlsx');
    const bytes = await excelWorkbook(3000);
    writeFileSync(path, bytes);
    const file = await open(path, 'r');
    const job = { file: file.fd, size: bytes.length, limits: ZIP_LIMITS };
    const readers = [0, 1, 2].map(() => readWorkbook(job, { ms: 60_000, memoryMb: 128 }));
    try {
      const [first, second, third] = readers as [AsyncGenerator, AsyncGenerator, AsyncGenerator];
      expect((await first.next()).done).toBe(false);
      expect((await second.next()).done).toBe(false);
      let thirdRead = false;
      const waiting = third.next().then((result) => {
        thirdRead = true;
        return result;
      });
      await new Promise((resolve) => setTimeout(resolve, 1000));
      expect(thirdRead).toBe(false);
      await first.return(undefined);
      expect((await waiting).done).toBe(false);
    } finally {
      await Promise.all(readers.map((reader) => reader.return(undefined)));
      await file.close();
      rmSync(folder, { recursive: true, force: true });
    }
  }, 60_000);

  test('refuses a workbook whose reading needs more memory than allowed, and reads the next', async () => {
    const folder = mkdtempSync(join(TEMP, 'memory-'));
    const path = join(folder, 'workbook.xlsx');
    const bytes = await excelWorkbook(2000);
    writeFileSync(path, bytes);
    const file = await open(path, 'r');
    const read = async (memoryMb: number) => {
      let rows = 0;
      const job = { file: file.fd, size: bytes.length, limits: ZIP_LIMITS };
      for await (const batch of readWorkbook(job, { ms: 60_000, memoryMb })) rows += batch.length;
      return rows;
    };
    try {
      await expect(read(8)).rejects.toThrow(/needs more than the 8 MiB of memory allowed/);
      expect(await read(128)).toBe(2001);
    } finally {
      await file.close();
      rmSync(folder, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('leftover workbook folders', () => {
  test('are swept on start when the process that made them has gone, and kept while it runs', async () => {
    const gone = spawnSync(process.execPath, ['-e', 'process.pid']).pid as number;
    const dead = join(TEMP, `parity-xlsx-${gone}-abc123`);
    const alive = join(TEMP, `parity-xlsx-${process.pid}-def456`);
    mkdirSync(join(dead, 'inner'), { recursive: true });
    mkdirSync(alive);
    try {
      expect(await sweepTempFolders(TEMP)).toBe(1);
      expect(readdirSync(TEMP)).not.toContain(basename(dead));
      expect(readdirSync(TEMP)).toContain(basename(alive));
    } finally {
      rmSync(alive, { recursive: true, force: true });
    }
  });
});
