import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { InStatement, Transaction } from '@libsql/client';
import { type AuditEntry, appendAudit, recordAudit } from '../audit/record.js';
import type { Clock } from '../clock.js';
import { inWriteQueue, whenWritable } from '../db/busy.js';
import type { Database } from '../db/open.js';
import type { StoredBlock } from './block-spool.js';
import { type SubmissionRecord, submissionWithContent } from './submissions.js';

const gzipAsync = promisify(gzip);

export interface NewSubmission {
  contractName: string;
  versionId: number;
  provider: string;
  source: string;
  period: string;
  format: string;
  contentHash: string;
  rowCount: number;
  submittedBy: string;
}

/** What an audit entry says of each submission stored: its id, and whether it is new. */
export interface StoredSummary {
  id: string;
  created: boolean;
  supersedes?: string;
}

/** The audit entry for a store, written in the same transaction as the submissions it records. */
export type AuditOf = (stored: readonly StoredSummary[]) => AuditEntry;

/** The blocks to write, made once the submission time is known (aggregate rows carry it). */
export type BlocksFor = (submittedAt: string) => AsyncIterable<StoredBlock>;

export interface StoreOutcome {
  submission: SubmissionRecord;
  created: boolean;
  /** The submission for the same provider, source and period that this one replaces, if any. */
  supersedes?: string;
}

/**
 * Stores a submission and all its blocks in one write transaction: both or neither, so a crash or
 * a failed insert leaves nothing half-loaded. The same content for the same contract, provider,
 * source and period is the earlier submission, returned as it is. Earlier submissions are never
 * changed: the newer one supersedes them by being later.
 *
 * Blocks go through the client's own transaction (@libsql/client `transaction('write')`), which
 * works on the embedded file and on a libSQL server alike: a million rows are about a hundred
 * block inserts, so statement preparation does not matter here.
 */
export async function storeSubmission(
  db: Database,
  clock: Clock,
  input: NewSubmission,
  blocksFor: BlocksFor,
  audit?: AuditOf,
): Promise<StoreOutcome> {
  const [outcome] = await storeSubmissions(db, clock, [{ input, blocksFor }], audit);
  if (!outcome) throw new Error('no submission was stored');
  return outcome;
}

/**
 * Stores several submissions (an extract's parts) in one write transaction: all or none. Each is
 * what `storeSubmission` would make of it alone: the same content again is the earlier submission,
 * a different one supersedes the latest for its provider, source and period. All get one time.
 */
export async function storeSubmissions(
  db: Database,
  clock: Clock,
  parts: readonly { input: NewSubmission; blocksFor: BlocksFor }[],
  audit?: AuditOf,
): Promise<StoreOutcome[]> {
  const existing = await Promise.all(parts.map((part) => submissionWithContent(db, part.input)));
  if (existing.every((found) => found !== undefined)) {
    const outcomes = existing.map((submission) => ({
      submission: submission as SubmissionRecord,
      created: false,
    }));
    if (audit) await recordAudit(db, clock, audit(outcomes.map(summaryOf)));
    return outcomes;
  }
  return inWriteQueue(db, () => storeNow(db, clock, parts, audit));
}

function summaryOf(outcome: StoreOutcome): StoredSummary {
  return {
    id: outcome.submission.id,
    created: outcome.created,
    ...(outcome.supersedes ? { supersedes: outcome.supersedes } : {}),
  };
}

async function storeNow(
  db: Database,
  clock: Clock,
  parts: readonly { input: NewSubmission; blocksFor: BlocksFor }[],
  audit: AuditOf | undefined,
): Promise<StoreOutcome[]> {
  const submittedAt = clock.now().toISOString();
  const outcomes: (StoreOutcome | undefined)[] = [];
  const summaries: StoredSummary[] = [];
  const tx = await beginWrite(db);
  try {
    for (const { input, blocksFor } of parts) {
      // Checked again under the write lock: a concurrent identical upload may have just committed.
      const again = await tx.execute(sameContent(input));
      const earlier = again.rows[0]?.id;
      const outcome =
        typeof earlier === 'string' ? undefined : await insertSubmission(tx, input, submittedAt, blocksFor);
      outcomes.push(outcome);
      summaries.push(outcome ? summaryOf(outcome) : { id: String(earlier), created: false });
    }
    if (audit) await appendAudit({ kind: 'client', tx }, submittedAt, audit(summaries));
    await tx.commit();
  } finally {
    tx.close();
  }
  return Promise.all(
    outcomes.map(async (outcome, i) => {
      if (outcome) return outcome;
      const stored = await submissionWithContent(db, (parts[i] as { input: NewSubmission }).input);
      if (!stored) throw new Error('a submission with this content vanished');
      return { submission: stored, created: false };
    }),
  );
}

async function insertSubmission(
  tx: Transaction,
  input: NewSubmission,
  submittedAt: string,
  blocksFor: BlocksFor,
): Promise<StoreOutcome> {
  const previous = await tx.execute({
    sql: 'SELECT id FROM submissions WHERE contract_name = ? AND source = ? AND provider = ? AND period = ? ORDER BY submitted_at DESC, rowid DESC LIMIT 1',
    args: [input.contractName, input.source, input.provider, input.period],
  });
  const submission: SubmissionRecord = {
    id: `sub_${randomBytes(8).toString('hex')}`,
    ...input,
    submittedAt,
  };
  await tx.execute({
    sql: 'INSERT INTO submissions (id, contract_name, version_id, provider, source, period, format, content_hash, row_count, submitted_at, submitted_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    args: [
      submission.id,
      submission.contractName,
      submission.versionId,
      submission.provider,
      submission.source,
      submission.period,
      submission.format,
      submission.contentHash,
      submission.rowCount,
      submission.submittedAt,
      submission.submittedBy,
    ],
  });
  for await (const block of blocksFor(submission.submittedAt)) {
    await tx.execute({
      sql: 'INSERT INTO submission_blocks (submission_id, sequence, row_count, data) VALUES (?, ?, ?, ?)',
      args: [submission.id, block.sequence, block.rowCount, block.data],
    });
  }
  const supersedes = previous.rows[0]?.id;
  return { submission, created: true, ...(typeof supersedes === 'string' ? { supersedes } : {}) };
}

function sameContent(input: NewSubmission): InStatement {
  return {
    sql: 'SELECT id FROM submissions WHERE contract_name = ? AND provider = ? AND source = ? AND period = ? AND content_hash = ?',
    args: [input.contractName, input.provider, input.source, input.period, input.contentHash],
  };
}

/** Opens a write transaction, waiting out another writer. */
function beginWrite(db: Database): Promise<Transaction> {
  return whenWritable(() => db.$client.transaction('write'));
}

/** Blocks of aggregate observations: one gzipped NDJSON block, each line an AggregateObservation. */
export function observationBlocks(lines: readonly object[]): AsyncIterable<StoredBlock> {
  return {
    async *[Symbol.asyncIterator]() {
      if (lines.length === 0) return;
      const data = await gzipAsync(`${lines.map((line) => JSON.stringify(line)).join('\n')}\n`);
      yield { sequence: 0, rowCount: lines.length, data };
    },
  };
}
