import { chmod, open } from 'node:fs/promises';
import { join } from 'node:path';
import { type Client, createClient } from '@libsql/client';
import { drizzle, type LibSQLDatabase } from 'drizzle-orm/libsql';
import { migrate } from 'drizzle-orm/libsql/migrator';
import * as schema from './schema.js';

export type Database = LibSQLDatabase<typeof schema> & { $client: Client };

const MIGRATIONS = join(import.meta.dirname, '../../drizzle');

/**
 * Opens the database and brings its schema up to date. A `file:` URL is the embedded database;
 * a `libsql://` or `http(s)://` URL is a libSQL server, shared by several service instances.
 */
export async function openDatabase(url: string, authToken?: string): Promise<Database> {
  if (url.startsWith('file:')) await ownerOnly(url.slice(5).split('?')[0] as string);
  // The busy timeout applies to every pooled connection, so a write waits out a short lock.
  const client = createClient({ url, authToken, timeout: 5000 });
  if (url.startsWith('file:')) {
    // WAL lets readers carry on while a feed is written.
    await client.execute('PRAGMA journal_mode = WAL');
    await client.execute('PRAGMA foreign_keys = ON');
  }
  const db = drizzle({ client, schema }) as Database;
  await migrate(db, { migrationsFolder: MIGRATIONS });
  return db;
}

/**
 * The database holds pseudonymised patient-level rows: its file is readable by the service's own
 * user only (0600). Made so before the database opens it, so its journal files (which take the
 * database file's mode) are too; an existing file made readable by others is made private.
 */
async function ownerOnly(path: string): Promise<void> {
  if (path === ':memory:' || path === '') return;
  const file = await open(path, 'a', 0o600);
  await file.close();
  for (const journal of ['', '-wal', '-shm'])
    await chmod(`${path}${journal}`, 0o600).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    });
}
