import { type MessagePort, parentPort } from 'node:worker_threads';
import type { Cell } from './feed-cells.js';
import { XlsxRefusal } from './xlsx-refusal.js';
import { readFirstSheet } from './xlsx-rows.js';
import { checkWorkbookZip, type ZipLimits } from './xlsx-zip-check.js';

/**
 * What the workbook worker is given: the workbook's file, opened by the service (so that it is
 * closed by the service however the worker ends: a terminated worker's own descriptors would stay
 * open), its size, and the ZIP limits.
 */
export interface WorkbookJob {
  file: number;
  size: number;
  limits: ZipLimits;
}

/** What the workbook worker sends back, in order: batches of rows, then `done` or a refusal. */
export type WorkbookMessage =
  | { kind: 'rows'; rows: Cell[][] }
  | { kind: 'done' }
  | { kind: 'refused'; part: string; message: string }
  | { kind: 'failed'; message: string };

/** What the service sends the worker: a workbook to read, or leave to send another batch. */
export type WorkbookOrder = { kind: 'read'; job: WorkbookJob } | { kind: 'more' };

/** Batches sent but not yet taken: the worker waits beyond this, so rows never pile up in memory. */
export const IN_FLIGHT = 16;

/**
 * The workbook worker: for each workbook it is given, checks the ZIP, then streams the first
 * worksheet's rows to the service a few batches ahead of it. It runs in a thread of its own, with
 * a memory limit, and is terminated if it overruns its time, so a damaged or hostile workbook can
 * neither stall nor exhaust the service. It is kept for the next workbook once one is read, as
 * loading the reader takes a second or more.
 */
function serve(port: MessagePort): void {
  let credit = 0;
  let wake: (() => void) | undefined;
  const send = (message: WorkbookMessage) => port.postMessage(message);
  const read = async (job: WorkbookJob) => {
    credit = IN_FLIGHT;
    try {
      const layout = await checkWorkbookZip(job.file, job.size, job.limits);
      for await (const rows of readFirstSheet(job.file, layout)) {
        while (credit === 0) await new Promise<void>((resolve) => (wake = resolve));
        credit--;
        send({ kind: 'rows', rows });
      }
      send({ kind: 'done' });
    } catch (error) {
      if (error instanceof XlsxRefusal) send({ kind: 'refused', part: error.part, message: error.message });
      else send({ kind: 'failed', message: problemOf(error) });
    }
  };
  port.on('message', (order: WorkbookOrder) => {
    if (order.kind === 'read') void read(order.job);
    else {
      credit++;
      wake?.();
    }
  });
}

/**
 * What to say of an error of the reader: a parser's own message (a line and column of the XML),
 * but never the internals of a program error, which would mean nothing to the sender.
 */
function problemOf(error: unknown): string {
  if (!(error instanceof Error) || error instanceof TypeError || error instanceof RangeError)
    return 'its parts are not those of an XLSX workbook, or one of them is damaged';
  return error.message.replace(/\.+$/, '');
}

if (parentPort) serve(parentPort);
