import type { Clock } from '../clock.js';
import type { Database } from '../db/open.js';
import { auditLog } from '../db/schema.js';

/** One thing that happened: who did (or tried) what to which subject, and whether it was allowed. */
export interface AuditEntry {
  actor: string;
  action: string;
  subject: string;
  outcome: 'ok' | 'refused';
  requestId?: string;
  detail?: Record<string, unknown>;
}

/** The database or a transaction on it: anything that can append an entry. */
export type AuditWriter = Pick<Database, 'insert'>;

/**
 * The insert for one entry, unexecuted, so a change and its audit entry can go in one batch or
 * transaction (both or neither).
 */
export function auditInsert(db: AuditWriter, clock: Clock, entry: AuditEntry) {
  return db.insert(auditLog).values({
    at: clock.now().toISOString(),
    actor: entry.actor,
    action: entry.action,
    subject: entry.subject,
    outcome: entry.outcome,
    requestId: entry.requestId,
    detail: JSON.stringify(entry.detail ?? {}),
  });
}

/** Appends one entry to the audit log (the table refuses updates and deletes). */
export async function recordAudit(db: AuditWriter, clock: Clock, entry: AuditEntry): Promise<void> {
  await auditInsert(db, clock, entry);
}
