import { open, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Cell } from './feed-cells.js';
import { tempFolder } from './temp-folders.js';
import { readWorkbook } from './xlsx-workers.js';
import { ZIP_LIMITS, type ZipLimits } from './xlsx-zip-check.js';

/** What reading one workbook may take. */
export interface WorkbookBudget {
  /** Wall-clock time for checking and reading, given the workbook's size in bytes. */
  ms(bytes: number): number;
  /** Heap of the worker thread that reads it, in MiB. */
  memoryMb: number;
  limits: ZipLimits;
}

/**
 * A minute, and a second more for each 100 KB: about four times what reading a valid workbook
 * takes on a small machine, while the service stores its rows.
 */
export const WORKBOOK_BUDGET: WorkbookBudget = {
  ms: (bytes) => 60_000 + Math.ceil(bytes / 100_000) * 1000,
  memoryMb: 384,
  limits: ZIP_LIMITS,
};

/**
 * Reads the first worksheet of an XLSX body as rows of cells (see `readFirstSheet`). The body is
 * written to a folder of its own (swept on start if the process is killed), its ZIP checked (sizes,
 * ratios, layout, CRC-32) and its rows read in a worker thread with a memory limit, terminated past
 * its time budget; the folder is removed on every path. A workbook that cannot be read throws an `XlsxRefusal` naming the part.
 */
export async function* parseXlsx(
  chunks: AsyncIterable<Uint8Array>,
  budget: WorkbookBudget = WORKBOOK_BUDGET,
): AsyncGenerator<Cell[][]> {
  const folder = await tempFolder('xlsx');
  try {
    const path = join(folder, 'workbook.xlsx');
    const size = await writeBody(path, chunks);
    const file = await open(path, 'r');
    try {
      yield* readWorkbook(
        { file: file.fd, size, limits: budget.limits },
        { ms: budget.ms(size), memoryMb: budget.memoryMb },
      );
    } finally {
      await file.close();
    }
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

async function writeBody(path: string, chunks: AsyncIterable<Uint8Array>): Promise<number> {
  const file = await open(path, 'wx', 0o600);
  let bytes = 0;
  try {
    for await (const chunk of chunks) {
      await file.write(chunk);
      bytes += chunk.byteLength;
    }
  } finally {
    await file.close();
  }
  return bytes;
}
