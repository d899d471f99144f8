import { createHash } from 'node:crypto';
import type { ContractModel } from '@parity/engine';
import type { AuditEntry } from '../audit/record.js';
import type { Clock } from '../clock.js';
import type { Database } from '../db/open.js';
import { ApiError } from '../errors.js';
import type { FeedBody } from './body-stream.js';
import { type ExtractPart, ExtractRows, type ExtractRules } from './extract-rows.js';
import { FeedErrors } from './feed-errors.js';
import type { FeedFormat, FeedTarget } from './feed-target.js';
import { problemColumn, problemOf, readObjects, readTable } from './ingest.js';
import { observationBlocks, type StoreOutcome, storeSubmissions } from './store-submission.js';

export interface ExtractToAccept {
  contractName: string;
  versionId: number;
  model: ContractModel;
  target: FeedTarget;
  format: FeedFormat;
  body: FeedBody;
  submittedBy: string;
  rules: ExtractRules;
  /** The audit entry for the stored extract, given its parts, written in their transaction. */
  audit?: (parts: readonly AuditedPart[]) => AuditEntry;
}

/** What the audit entry records of each part stored. */
export interface AuditedPart {
  id: string;
  provider: string;
  period: string;
  rows: number;
  created: boolean;
  supersedes?: string;
}

/** One part of an extract as stored: its provider, month and rows, and the submission it is. */
export type StoredPart = { provider: string; period: string; rows: number } & StoreOutcome;

/** An extract stored whole (or found stored already), or refused with its errors and nothing kept. */
export type ExtractAcceptance =
  | { ok: true; rows: number; contentHash: string; parts: StoredPart[] }
  | { ok: false; errors: FeedErrors; contentHash: string };

/** An extract of no rows would store nothing: refused, with what to do. */
export const NO_EXTRACT_ROWS =
  "The extract has no rows: send each provider's rows for each month, with provider and month columns.";

/**
 * Reads an extract through its parts' checks and, when no part has an error, stores every part as
 * a submission in one write transaction. Each part's content hash is that of its rows as stored, so
 * the same extract again (or the same part in another) is the earlier submission. The caller has
 * decided the source and the rules; the rows' providers and months are checked here, row by row.
 */
export async function acceptExtract(
  db: Database,
  clock: Clock,
  extract: ExtractToAccept,
): Promise<ExtractAcceptance> {
  const errors = new FeedErrors();
  const reader = new ExtractRows(extract.target, extract.model, errors, extract.rules);
  let rows = 0;
  try {
    rows =
      extract.format === 'csv' || extract.format === 'xlsx'
        ? await readTable(extract, reader, errors, reader)
        : await readObjects(extract, reader, errors, reader);
    if (!errors.any && rows === 0) errors.add(0, '', NO_EXTRACT_ROWS);
    await extract.body.drain();
  } catch (error) {
    if (error instanceof ApiError) {
      await reader.discard();
      throw error;
    }
    errors.add(0, problemColumn(error), problemOf(error, extract.format));
    await extract.body.drain().catch(() => undefined);
  }
  const contentHash = extract.body.digest();
  if (errors.any) {
    await reader.discard();
    return { ok: false, errors, contentHash };
  }
  const parts = reader.all();
  try {
    const sealed = await Promise.all(parts.map(sealPart));
    const stored = await storeSubmissions(
      db,
      clock,
      sealed.map((part) => ({
        input: {
          contractName: extract.contractName,
          versionId: extract.versionId,
          provider: part.provider,
          source: extract.target.name,
          period: part.period,
          format: extract.format,
          contentHash: part.contentHash,
          rowCount: part.rows,
          submittedBy: extract.submittedBy,
        },
        blocksFor: part.blocksFor,
      })),
      extract.audit &&
        ((stored) =>
          (extract.audit as NonNullable<ExtractToAccept['audit']>)(
            stored.map((summary, i) => {
              const part = sealed[i] as { provider: string; period: string; rows: number };
              return { ...summary, provider: part.provider, period: part.period, rows: part.rows };
            }),
          )),
    );
    return {
      ok: true,
      rows,
      contentHash,
      parts: sealed.map((part, i) => ({
        provider: part.provider,
        period: part.period,
        rows: part.rows,
        ...(stored[i] as StoreOutcome),
      })),
    };
  } finally {
    await reader.discard();
  }
}

/** A part's rows ready to store: its blocks, row count and content hash. */
async function sealPart(part: ExtractPart) {
  if (part.writer) {
    const spool = await part.writer.finish();
    return {
      provider: part.provider,
      period: part.period,
      rows: part.writer.rows,
      contentHash: part.writer.digest(),
      blocksFor: () => spool.blocks(),
    };
  }
  const figures = part.reader.rows ?? [];
  return {
    provider: part.provider,
    period: part.period,
    rows: figures.length,
    contentHash: createHash('sha256').update(JSON.stringify(figures)).digest('hex'),
    blocksFor: (submittedAt: string) =>
      observationBlocks(figures.map((figure) => ({ ...figure, provider: part.provider, submittedAt }))),
  };
}
