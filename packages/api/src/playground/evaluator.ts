import { Worker } from 'node:worker_threads';
import { ApiError } from '../errors.js';
import { workerScript } from '../worker-script.js';
import type { PlaygroundAnswer, PlaygroundOrder } from './evaluation-worker.js';

/** What one playground evaluation may take. */
export interface PlaygroundBudget {
  /** Wall-clock time for checking, compiling and evaluating one contract, in the worker. */
  ms: number;
  /** The worker's heap, in MiB. */
  memoryMb: number;
  /** Evaluations that may wait for the one running; more are refused until it is done. */
  waiting: number;
}

/**
 * Twenty seconds and 512 MiB: every demo contract is checked and evaluated in well under two
 * seconds; a contract of a few thousand measures takes a minute and over a gigabyte.
 */
export const PLAYGROUND_BUDGET: PlaygroundBudget = { ms: 20_000, memoryMb: 512, waiting: 4 };

/** How long the worker may take to load the language and the library before its first evaluation. */
const LOADING_MS = 120_000;

/**
 * Runs the playground's evaluations one at a time in a worker thread (see `evaluation-worker`),
 * each within the budget: past its time the worker is terminated and the evaluation refused, and
 * a fresh worker loaded for the next. The orders of one evaluation (check, then evaluate) share
 * its time. The worker is kept unreferenced when idle, so it never holds the process open.
 */
export class PlaygroundEvaluator {
  private worker: Worker | undefined;
  private ready: Promise<void> | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private queued = 0;

  constructor(private readonly budget: PlaygroundBudget = PLAYGROUND_BUDGET) {}

  /**
   * Runs `evaluation` when the worker is free, giving it a way to send orders to the worker
   * within the one budget. Refuses at once when more evaluations wait than the budget allows.
   */
  run<T>(evaluation: (ask: (order: PlaygroundOrder) => Promise<PlaygroundAnswer>) => Promise<T>): Promise<T> {
    if (this.queued > this.budget.waiting)
      return Promise.reject(
        new ApiError(
          'rate-limited',
          'The playground is busy with other evaluations: try again in a few seconds.',
        ),
      );
    this.queued++;
    const turn = this.queue.then(() => this.runNow(evaluation));
    this.queue = turn.catch(() => undefined);
    return turn.finally(() => this.queued--);
  }

  private async runNow<T>(
    evaluation: (ask: (order: PlaygroundOrder) => Promise<PlaygroundAnswer>) => Promise<T>,
  ): Promise<T> {
    const worker = await this.loaded();
    worker.ref();
    const deadline = Date.now() + this.budget.ms;
    try {
      return await evaluation((order) => this.ask(worker, order, deadline));
    } finally {
      worker.unref();
    }
  }

  private loaded(): Promise<Worker> {
    if (!this.worker || !this.ready) {
      const worker = new Worker(workerScript(import.meta.url, './evaluation-worker.js'), {
        resourceLimits: { maxOldGenerationSizeMb: this.budget.memoryMb, maxYoungGenerationSizeMb: 64 },
      });
      worker.unref();
      // A worker that fails between evaluations is let go; its error must not go unheard.
      worker.on('error', () => this.discard(worker));
      worker.once('exit', () => this.discard(worker));
      this.worker = worker;
      this.ready = new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('the playground did not load in time')), LOADING_MS);
        worker.once('message', () => {
          clearTimeout(timer);
          resolve();
        });
        worker.once('error', (error) => {
          clearTimeout(timer);
          reject(error);
        });
      });
      this.ready.catch(() => this.discard(worker));
    }
    const worker = this.worker;
    return this.ready.then(() => worker);
  }

  /** Sends one order and waits for its answer, terminating the worker if the deadline passes first. */
  private ask(worker: Worker, order: PlaygroundOrder, deadline: number): Promise<PlaygroundAnswer> {
    return new Promise((resolve, reject) => {
      const finish = () => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
      };
      const onMessage = (answer: PlaygroundAnswer) => {
        finish();
        resolve(answer);
      };
      const onError = (error: Error & { code?: string }) => {
        finish();
        this.discard(worker);
        reject(
          error.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? new ApiError(
                'invalid-contract',
                `Evaluating this contract needs more than the ${this.budget.memoryMb} MiB the playground allows: evaluate a smaller contract here, or the whole one with parity eval.`,
              )
            : error,
        );
      };
      const onExit = () => onError(new Error('the playground stopped'));
      const timer = setTimeout(
        () => {
          finish();
          this.discard(worker);
          reject(
            new ApiError(
              'invalid-contract',
              `Checking and evaluating this contract took longer than the ${this.budget.ms / 1000} s the playground allows: evaluate a smaller contract here, or the whole one with parity eval.`,
            ),
          );
        },
        Math.max(0, deadline - Date.now()),
      );
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      worker.postMessage(order);
    });
  }

  private discard(worker: Worker): void {
    if (this.worker === worker) {
      this.worker = undefined;
      this.ready = undefined;
    }
    void worker.terminate();
  }
}
