import type { ContractModel } from '@parity/engine';
import type { AuditEntry } from '../audit/record.js';
import type { Clock } from '../clock.js';
import type { Database } from '../db/open.js';
import type { FeedBody } from './body-stream.js';
import type { FeedErrors } from './feed-errors.js';
import type { FeedFormat, FeedTarget } from './feed-target.js';
import { ingestFeed } from './ingest.js';
import {
  observationBlocks,
  type StoredSummary,
  type StoreOutcome,
  storeSubmission,
} from './store-submission.js';

export interface FeedToAccept {
  contractName: string;
  versionId: number;
  model: ContractModel;
  target: FeedTarget;
  period: string;
  provider: string;
  format: FeedFormat;
  body: FeedBody;
  submittedBy: string;
  /** The audit entry for the stored submission, written in its transaction. */
  audit?: (stored: StoredSummary, read: { rows: number; contentHash: string }) => AuditEntry;
}

/** A feed stored (or found stored already), or refused with its errors and nothing kept. */
export type Acceptance =
  | ({ ok: true; rows: number } & StoreOutcome)
  | { ok: false; errors: FeedErrors; contentHash: string };

/**
 * Reads a feed through its checks and, when it has no error, stores it as a submission. Whoever
 * calls has already decided the provider may send it and the period is in the term.
 */
export async function acceptFeed(db: Database, clock: Clock, feed: FeedToAccept): Promise<Acceptance> {
  const outcome = await ingestFeed({
    body: feed.body,
    format: feed.format,
    target: feed.target,
    model: feed.model,
    period: feed.period,
  });
  if (!outcome.ok) return outcome;
  const { stored } = outcome;
  try {
    const result = await storeSubmission(
      db,
      clock,
      {
        contractName: feed.contractName,
        versionId: feed.versionId,
        provider: feed.provider,
        source: feed.target.name,
        period: feed.period,
        format: feed.format,
        contentHash: outcome.contentHash,
        rowCount: outcome.rowCount,
        submittedBy: feed.submittedBy,
      },
      stored.kind === 'records'
        ? () => stored.spool.blocks()
        : (submittedAt) =>
            observationBlocks(
              stored.figures.map((figure) => ({ ...figure, provider: feed.provider, submittedAt })),
            ),
      feed.audit &&
        (([stored]) =>
          (feed.audit as NonNullable<FeedToAccept['audit']>)(stored as StoredSummary, {
            rows: outcome.rowCount,
            contentHash: outcome.contentHash,
          })),
    );
    return { ok: true, rows: outcome.rowCount, ...result };
  } finally {
    if (stored.kind === 'records') await stored.spool.dispose();
  }
}
