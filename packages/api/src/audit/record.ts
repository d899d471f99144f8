import type { Transaction } from '@libsql/client';
import { desc, isNotNull } from 'drizzle-orm';
import type { Clock } from '../clock.js';
import { inWriteQueue, whenWritable } from '../db/busy.js';
import type { Database } from '../db/open.js';
import { auditLog } from '../db/schema.js';
import { entryHash, GENESIS, type SealedFields } from './chain.js';

/** One thing that happened: who did (or tried) what to which subject, and whether it was allowed. */
export interface AuditEntry {
  actor: string;
  action: string;
  subject: string;
  outcome: 'ok' | 'refused';
  requestId?: string;
  detail?: Record<string, unknown>;
}

/** A write transaction, of drizzle or of the libSQL client, that an entry can be appended in. */
export type AuditTransaction =
  | { kind: 'drizzle'; tx: Pick<Database, 'insert' | 'select'> }
  | { kind: 'client'; tx: Transaction };

/**
 * Appends an entry inside a write transaction the caller holds, sealed to the entry before it
 * (chain.ts): the change and its entry commit together or not at all, and holding the write lock
 * keeps the chain in order.
 */
export async function appendAudit(
  transaction: AuditTransaction,
  at: string,
  entry: AuditEntry,
): Promise<void> {
  const fields: SealedFields = {
    at,
    actor: entry.actor,
    action: entry.action,
    subject: entry.subject,
    outcome: entry.outcome,
    requestId: entry.requestId ?? null,
    detail: JSON.stringify(entry.detail ?? {}),
  };
  if (transaction.kind === 'drizzle') {
    const { tx } = transaction;
    const [last] = await tx
      .select({ hash: auditLog.hash })
      .from(auditLog)
      .where(isNotNull(auditLog.hash))
      .orderBy(desc(auditLog.id))
      .limit(1);
    const hash = entryHash(last?.hash ?? GENESIS, fields);
    await tx.insert(auditLog).values({ ...fields, hash });
    return;
  }
  const { tx } = transaction;
  const last = await tx.execute('SELECT hash FROM audit_log WHERE hash IS NOT NULL ORDER BY id DESC LIMIT 1');
  const previous = last.rows[0]?.hash;
  const hash = entryHash(typeof previous === 'string' ? previous : GENESIS, fields);
  await tx.execute({
    sql: 'INSERT INTO audit_log (at, actor, action, subject, outcome, request_id, detail, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    args: [
      fields.at,
      fields.actor,
      fields.action,
      fields.subject,
      fields.outcome,
      fields.requestId,
      fields.detail,
      hash,
    ],
  });
}

/**
 * Appends one entry on its own (the table refuses updates and deletes), in its turn among this
 * process's writes, so it never contends with a feed's write transaction.
 */
export async function recordAudit(db: Database, clock: Clock, entry: AuditEntry): Promise<void> {
  await inWriteQueue(db, () =>
    whenWritable(() =>
      db.transaction((tx) => appendAudit({ kind: 'drizzle', tx }, clock.now().toISOString(), entry)),
    ),
  );
}
