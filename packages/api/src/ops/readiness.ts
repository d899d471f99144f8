import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from '../db/open.js';

/** The migrations the service ships, as drizzle-kit's journal lists them. */
const JOURNAL = join(import.meta.dirname, '../../drizzle/meta/_journal.json');

/** How long the database has to answer before the service says it is not ready. */
const ANSWER_WITHIN_MS = 2000;

export type Readiness = { ready: true } | { ready: false; reason: string };

interface Migration {
  tag: string;
  when: number;
}

let shipped: Migration[] | undefined;

function shippedMigrations(): Migration[] {
  shipped ??= (JSON.parse(readFileSync(JOURNAL, 'utf8')) as { entries: Migration[] }).entries;
  return shipped;
}

/**
 * Ready to serve when the database answers within two seconds and has every migration the
 * service ships applied (drizzle records each applied migration by its journal time). Another
 * instance may still be migrating a shared libSQL server, or the server may be down: both are
 * "not ready", with the reason.
 */
export async function checkReadiness(db: Database): Promise<Readiness> {
  let appliedTimes: Set<number>;
  try {
    const result = await withinTime(
      db.$client.execute('SELECT created_at FROM __drizzle_migrations'),
      ANSWER_WITHIN_MS,
    );
    appliedTimes = new Set(result.rows.map((row) => Number(row.created_at)));
  } catch (error) {
    return { ready: false, reason: `The database did not answer: ${(error as Error).message}` };
  }
  const missing = shippedMigrations().filter((migration) => !appliedTimes.has(migration.when));
  if (missing.length === 0) return { ready: true };
  return {
    ready: false,
    reason: `The database lacks ${missing.length} migration${missing.length === 1 ? '' : 's'}: ${missing.map((m) => m.tag).join(', ')}.`,
  };
}

function withinTime<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}
