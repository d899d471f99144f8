import { existsSync } from 'node:fs';
import { type Client, createClient } from '@libsql/client';
import { type ChainBreak, type ChainedEntry, checkChain } from './chain.js';

/** What checking the audit log found: how many entries, where it breaks, and its head. */
export interface AuditVerification {
  entries: number;
  sealed: number;
  /** Entries from before the log was sealed, which only the order of ids vouches for. */
  unsealed: number;
  breaks: ChainBreak[];
  /** The last entry's id and seal: note it, and a later check shows nothing after it was cut. */
  head: { id: number; hash: string } | null;
}

const PAGE = 5000;

/**
 * Checks the whole audit log at the database: every entry against its seal and the one before it
 * (an entry edited, deleted or reordered breaks the chain), and every token against the entries
 * that created and revoked it (a token added, re-enabled or given another role at the database has
 * none that say so).
 */
export async function verifyAudit(client: Client): Promise<AuditVerification> {
  const breaks: ChainBreak[] = [];
  let previous: string | undefined;
  let sealed = 0;
  let unsealed = 0;
  let entries = 0;
  let head: AuditVerification['head'] = null;
  let lastId = 0;
  let before = 0;
  for (;;) {
    const page = await client.execute({
      sql: 'SELECT id, at, actor, action, subject, outcome, request_id, detail, hash FROM audit_log WHERE id > ? ORDER BY id LIMIT ?',
      args: [lastId, PAGE],
    });
    if (page.rows.length === 0) break;
    const chained: ChainedEntry[] = page.rows.map((row) => ({
      id: Number(row.id),
      at: String(row.at),
      actor: String(row.actor),
      action: String(row.action),
      subject: String(row.subject),
      outcome: String(row.outcome),
      requestId: row.request_id === null ? null : String(row.request_id),
      detail: String(row.detail),
      hash: row.hash === null ? null : String(row.hash),
    }));
    // Carry the id sequence across pages: the check sees the page's first id after `before`.
    const first = chained[0] as ChainedEntry;
    if (first.id !== before + 1) breaks.push({ id: first.id, problem: missing(before + 1, first.id - 1) });
    const checked = checkChain(chained, previous);
    breaks.push(...checked.breaks);
    previous = checked.last;
    sealed += checked.sealed;
    unsealed += checked.unsealed;
    entries += chained.length;
    const last = chained.at(-1) as ChainedEntry;
    lastId = last.id;
    before = last.id;
    if (last.hash !== null) head = { id: last.id, hash: last.hash };
  }
  breaks.push(...(await tokenBreaks(client)));
  return { entries, sealed, unsealed, breaks, head };
}

function missing(from: number, to: number): string {
  return from === to ? `entry ${from} is missing` : `entries ${from}–${to} are missing`;
}

/** Tokens whose row says something no audit entry does. */
async function tokenBreaks(client: Client): Promise<ChainBreak[]> {
  const tokens = await client.execute('SELECT id, organisation, role, revoked_at FROM tokens ORDER BY id');
  const entries = await client.execute(
    "SELECT id, action, subject, detail FROM audit_log WHERE action IN ('token.create', 'token.revoke') ORDER BY id",
  );
  const created = new Map<string, { id: number; detail: Record<string, unknown> }>();
  const revoked = new Set<string>();
  for (const row of entries.rows) {
    const subject = String(row.subject);
    if (row.action === 'token.create')
      created.set(subject, { id: Number(row.id), detail: JSON.parse(String(row.detail)) });
    else revoked.add(subject);
  }
  const breaks: ChainBreak[] = [];
  for (const token of tokens.rows) {
    const id = String(token.id);
    const entry = created.get(id);
    if (!entry) {
      breaks.push({
        id: 0,
        problem: `token ${id} has no audit entry creating it: it was added at the database`,
      });
      continue;
    }
    if (entry.detail.organisation !== token.organisation || entry.detail.role !== token.role)
      breaks.push({
        id: entry.id,
        problem: `token ${id} is now ${token.role} for ${token.organisation}, but was created ${String(entry.detail.role)} for ${String(entry.detail.organisation)}`,
      });
    if (revoked.has(id) && token.revoked_at === null)
      breaks.push({ id: entry.id, problem: `token ${id} was revoked, but its row no longer says so` });
    if (!revoked.has(id) && token.revoked_at !== null)
      breaks.push({ id: entry.id, problem: `token ${id} is revoked with no audit entry revoking it` });
  }
  return breaks;
}

/**
 * Checks the audit log of the database at `url` as it stands, without migrating or writing
 * anything: for `parity audit verify`, run by an auditor against the service's database.
 */
export async function verifyAuditAt(url: string, authToken?: string): Promise<AuditVerification> {
  if (url.startsWith('file:') && !existsSync(url.slice(5).split('?')[0] as string))
    throw new Error('there is no database file there');
  const client = createClient({ url, authToken });
  try {
    return await verifyAudit(client);
  } finally {
    client.close();
  }
}
