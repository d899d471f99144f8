import { Worker } from 'node:worker_threads';
import { workerScript } from '../worker-script.js';
import type { Cell } from './feed-cells.js';
import { partName, XlsxRefusal } from './xlsx-refusal.js';
import type { WorkbookJob, WorkbookMessage, WorkbookOrder } from './xlsx-worker.js';

/** What reading one workbook may take: wall-clock time, and the heap of its worker in MiB. */
export interface ReadingBudget {
  ms: number;
  memoryMb: number;
}

/**
 * Runs a workbook worker on an open file, when one of the turns is free, and yields its batches of
 * rows, asking for more as each is taken; the time budget runs from the start of its turn. A worker that finishes is kept for the next workbook; one that overruns its time, runs
 * out of memory, fails or is left mid-read (a refused header) is terminated before this returns,
 * and a fresh one started for the next.
 */
export async function* readWorkbook(job: WorkbookJob, budget: ReadingBudget): AsyncGenerator<Cell[][]> {
  await turns.take();
  try {
    yield* readInWorker(job, budget);
  } finally {
    turns.give();
  }
}

/** How many workbooks are read at once, each reader using up to its whole memory limit; the rest wait their turn. */
export const READERS_AT_ONCE = 2;

class Turns {
  private free = READERS_AT_ONCE;
  private readonly waiting: (() => void)[] = [];

  async take(): Promise<void> {
    if (this.free > 0) this.free--;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  give(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.free++;
  }
}

const turns = new Turns();

async function* readInWorker(job: WorkbookJob, budget: ReadingBudget): AsyncGenerator<Cell[][]> {
  const worker = workers.take(budget.memoryMb);
  const inbox = new WorkerInbox(worker, budget);
  let finished = false;
  try {
    worker.postMessage({ kind: 'read', job } satisfies WorkbookOrder);
    for (;;) {
      const message = await inbox.next();
      if (message.kind === 'rows') {
        yield message.rows;
        worker.postMessage({ kind: 'more' } satisfies WorkbookOrder);
        continue;
      }
      // A worker whose reader failed may have work of the damaged workbook still pending: not reused.
      finished = !inbox.broken && message.kind !== 'failed';
      if (message.kind === 'done') return;
      if (message.kind === 'refused') throw new XlsxRefusal(message.part, message.message);
      throw new XlsxRefusal('workbook', `The workbook cannot be read: ${partName(message.message)}.`);
    }
  } finally {
    inbox.close();
    if (finished) workers.give(worker, budget.memoryMb);
    else {
      await worker.terminate();
      workers.warm(budget.memoryMb);
    }
  }
}

/** At most one idle worker per memory limit, kept unreferenced so that it never holds the process open. */
class IdleWorkers {
  private readonly idle = new Map<number, Worker>();

  take(memoryMb: number): Worker {
    const worker = this.idle.get(memoryMb) ?? spawn(memoryMb);
    this.idle.delete(memoryMb);
    worker.removeAllListeners('error');
    worker.removeAllListeners('exit');
    worker.ref();
    return worker;
  }

  /** Starts a worker for the next workbook, if none is waiting: loading the reader takes a while. */
  warm(memoryMb: number): void {
    if (!this.idle.has(memoryMb)) this.give(spawn(memoryMb), memoryMb);
  }

  give(worker: Worker, memoryMb: number): void {
    if (this.idle.has(memoryMb)) {
      void worker.terminate();
      return;
    }
    worker.unref();
    // An idle worker that fails (while loading, say) is forgotten; its error must not go unheard.
    const forget = () => {
      if (this.idle.get(memoryMb) === worker) this.idle.delete(memoryMb);
    };
    worker.on('error', forget);
    worker.once('exit', forget);
    this.idle.set(memoryMb, worker);
  }
}

const workers = new IdleWorkers();

function spawn(memoryMb: number): Worker {
  return new Worker(workerScript(import.meta.url, './xlsx-worker.js'), {
    resourceLimits: { maxOldGenerationSizeMb: memoryMb },
  });
}

/** The worker's messages in order, its crash or its running out of memory or time ending them. */
class WorkerInbox {
  private readonly queue: WorkbookMessage[] = [];
  private waiting: ((message: WorkbookMessage) => void) | undefined;
  private readonly timer: NodeJS.Timeout;
  /** The worker crashed, ran out of memory or time: it is not to be used again. */
  broken = false;

  private readonly onMessage = (message: WorkbookMessage) => this.push(message);
  private readonly onError = (error: Error & { code?: string }) => {
    this.broken = true;
    this.push(
      error.code === 'ERR_WORKER_OUT_OF_MEMORY'
        ? refusal(`reading it needs more than the ${this.budget.memoryMb} MiB of memory allowed`)
        : { kind: 'failed', message: error.message },
    );
  };
  private readonly onExit = () => {
    this.broken = true;
    this.push({ kind: 'failed', message: 'the reader stopped' });
  };

  constructor(
    private readonly worker: Worker,
    private readonly budget: ReadingBudget,
  ) {
    worker.on('message', this.onMessage);
    worker.on('error', this.onError);
    worker.on('exit', this.onExit);
    this.timer = setTimeout(() => {
      this.broken = true;
      this.push(
        refusal(
          `reading it took longer than the ${Math.round(budget.ms / 1000)} s allowed; check that it opens in a spreadsheet program, or send the feed as CSV`,
        ),
      );
      void this.worker.terminate();
    }, budget.ms);
  }

  next(): Promise<WorkbookMessage> {
    const message = this.queue.shift();
    if (message) return Promise.resolve(message);
    return new Promise((resolve) => {
      this.waiting = resolve;
    });
  }

  close(): void {
    clearTimeout(this.timer);
    this.worker.off('message', this.onMessage);
    this.worker.off('error', this.onError);
    this.worker.off('exit', this.onExit);
  }

  private push(message: WorkbookMessage): void {
    const waiting = this.waiting;
    this.waiting = undefined;
    if (waiting) waiting(message);
    else this.queue.push(message);
  }
}

function refusal(problem: string): WorkbookMessage {
  return { kind: 'refused', part: 'workbook', message: `The workbook cannot be read: ${problem}.` };
}
