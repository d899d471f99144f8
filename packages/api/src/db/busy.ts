import type { Database } from './open.js';

/**
 * Write transactions on the embedded database take its write lock when they begin, and a
 * connection waits for a lock held elsewhere for its busy timeout, synchronously: the whole process
 * stops meanwhile. Two write transactions of one process must therefore never contend at the
 * database, or the second would stop the first (and every request) for the whole timeout. This
 * process's write transactions take turns here; a lock held by another process is waited out by the
 * busy timeout and, past it, by retrying BEGIN.
 */
const queues = new WeakMap<object, Promise<unknown>>();

/** Runs a whole write transaction after this process's earlier ones on the same database. */
export function inWriteQueue<T>(db: Database, write: () => Promise<T>): Promise<T> {
  const previous = queues.get(db.$client) ?? Promise.resolve();
  const run = previous.then(write);
  queues.set(
    db.$client,
    run.catch(() => undefined),
  );
  return run;
}

/**
 * Begins a write transaction, retrying for up to ten seconds while another process holds the lock.
 * Nothing has run when BEGIN fails, so a whole transaction passed here may be retried safely.
 */
export async function whenWritable<T>(begin: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await begin();
    } catch (error) {
      if (!isBusy(error) || attempt >= 200) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

function isBusy(error: unknown): boolean {
  return (
    error instanceof Error &&
    /SQLITE_BUSY|database is locked/i.test(`${(error as { code?: string }).code ?? ''} ${error.message}`)
  );
}
