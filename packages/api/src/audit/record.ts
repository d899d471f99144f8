import type { Clock } from '../clock.js';
import type { Database } from '../db/open.js';
import { auditLog } from '../db/schema.js';

export interface AuditEntry {
  actor: string;
  action: string;
  subject: string;
  outcome: 'ok' | 'refused';
  requestId?: string;
  detail?: Record<string, unknown>;
}

/** Appends one entry to the audit log (the table refuses updates and deletes). */
export async function recordAudit(db: Database, clock: Clock, entry: AuditEntry): Promise<void> {
  await db.insert(auditLog).values({
    at: clock.now().toISOString(),
    actor: entry.actor,
    action: entry.action,
    subject: entry.subject,
    outcome: entry.outcome,
    requestId: entry.requestId,
    detail: JSON.stringify(entry.detail ?? {}),
  });
}
