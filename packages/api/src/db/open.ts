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
