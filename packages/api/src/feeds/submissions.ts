import { and, desc, eq, lte, type SQL, sql } from 'drizzle-orm';
import type { Database } from '../db/open.js';
import { submissions } from '../db/schema.js';

/** A submission as stored: who sent what, for which period, and when. */
export type SubmissionRecord = typeof submissions.$inferSelect;

/** The submission with this content for the contract, provider, source and period, if any. */
export async function submissionWithContent(
  db: Database,
  key: { contractName: string; provider: string; source: string; period: string; contentHash: string },
): Promise<SubmissionRecord | undefined> {
  const [row] = await db
    .select()
    .from(submissions)
    .where(
      and(
        eq(submissions.contractName, key.contractName),
        eq(submissions.provider, key.provider),
        eq(submissions.source, key.source),
        eq(submissions.period, key.period),
        eq(submissions.contentHash, key.contentHash),
      ),
    )
    .limit(1);
  return row;
}

export async function submissionById(
  db: Database,
  contractName: string,
  id: string,
): Promise<SubmissionRecord | undefined> {
  const [row] = await db
    .select()
    .from(submissions)
    .where(and(eq(submissions.contractName, contractName), eq(submissions.id, id)))
    .limit(1);
  return row;
}

/** A contract's submissions, newest first, optionally only one provider's, source's or period's. */
export async function listSubmissions(
  db: Database,
  contractName: string,
  filter: { provider?: string; source?: string; period?: string } = {},
): Promise<SubmissionRecord[]> {
  const conditions: SQL[] = [eq(submissions.contractName, contractName)];
  if (filter.provider) conditions.push(eq(submissions.provider, filter.provider));
  if (filter.source) conditions.push(eq(submissions.source, filter.source));
  if (filter.period) conditions.push(eq(submissions.period, filter.period));
  return db
    .select()
    .from(submissions)
    .where(and(...conditions))
    .orderBy(desc(submissions.submittedAt), desc(sql`rowid`));
}

/**
 * For each provider, source and period, the submission that stands at a moment: the latest made at
 * or before it (ties, within the same millisecond, to the one stored last). `only`, when given,
 * says which submissions count at all (the playground counts only the demo's own).
 */
export async function standingSubmissions(
  db: Database,
  contractName: string,
  at: string,
  only?: (submission: SubmissionRecord) => boolean,
): Promise<SubmissionRecord[]> {
  const rows = await db
    .select()
    .from(submissions)
    .where(and(eq(submissions.contractName, contractName), lte(submissions.submittedAt, at)))
    .orderBy(submissions.submittedAt, sql`rowid`);
  return latestOfEach(only ? rows.filter(only) : rows);
}

function latestOfEach(rows: SubmissionRecord[]): SubmissionRecord[] {
  const latest = new Map<string, SubmissionRecord>();
  for (const row of rows) {
    const key = `${row.provider}\u0000${row.source}\u0000${row.period}`;
    // Moved to the end, so the result stays in order of submission.
    latest.delete(key);
    latest.set(key, row);
  }
  return [...latest.values()];
}
