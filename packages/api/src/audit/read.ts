import { and, desc, eq, gte, lt, lte, type SQL } from 'drizzle-orm';
import type { Database } from '../db/open.js';
import { auditLog } from '../db/schema.js';

/** Which entries to read: bounds are ISO timestamps, inclusive; `before` is an entry id (the cursor). */
export interface AuditQuery {
  from?: string;
  to?: string;
  action?: string;
  outcome?: 'ok' | 'refused';
  limit: number;
  before?: number;
}

export interface AuditPage {
  entries: {
    id: number;
    at: string;
    actor: string;
    action: string;
    subject: string;
    outcome: string;
    requestId: string | null;
    detail: Record<string, unknown>;
  }[];
  /** Pass back as `cursor` for the next (older) page; null on the last page. */
  nextCursor: string | null;
}

/**
 * A page of the audit log, newest first. Ids only grow, so paging by id is stable while entries
 * are being appended: a page never repeats or skips one.
 */
export async function readAudit(db: Database, query: AuditQuery): Promise<AuditPage> {
  const conditions: SQL[] = [];
  if (query.from !== undefined) conditions.push(gte(auditLog.at, query.from));
  if (query.to !== undefined) conditions.push(lte(auditLog.at, query.to));
  if (query.action !== undefined) conditions.push(eq(auditLog.action, query.action));
  if (query.outcome !== undefined) conditions.push(eq(auditLog.outcome, query.outcome));
  if (query.before !== undefined) conditions.push(lt(auditLog.id, query.before));
  const rows = await db
    .select()
    .from(auditLog)
    .where(and(...conditions))
    .orderBy(desc(auditLog.id))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    entries: page.map((row) => ({ ...row, detail: parseDetail(row.detail) })),
    nextCursor: rows.length > query.limit && last ? String(last.id) : null,
  };
}

function parseDetail(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : { value };
  } catch {
    return { text };
  }
}
