import { sql } from 'drizzle-orm';
import { blob, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/**
 * The service's tables. Nothing is overwritten: a contract change is a new version row, a feed
 * resubmission a new submission row, and the audit log only grows. Money is never stored here
 * outside models and feeds, and where it is, it is integer pence.
 */

export const contracts = sqliteTable('contracts', {
  name: text('name').primaryKey(),
  title: text('title').notNull(),
  createdAt: text('created_at').notNull(),
});

export const contractVersions = sqliteTable(
  'contract_versions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    contractName: text('contract_name')
      .notNull()
      .references(() => contracts.name),
    version: integer('version').notNull(),
    contentHash: text('content_hash').notNull(),
    /** The published sources as JSON: [{ path, text }]. */
    sources: text('sources').notNull(),
    /** The ContractModel JSON. */
    model: text('model').notNull(),
    author: text('author').notNull(),
    effectiveDate: text('effective_date').notNull(),
    createdAt: text('created_at').notNull(),
  },
  (t) => [
    // Not unique: an earlier version's text published again is a new version with the same hash.
    index('contract_versions_hash').on(t.contractName, t.contentHash),
    uniqueIndex('contract_versions_number').on(t.contractName, t.version),
  ],
);

/** Who is party to each version, so access checks need not read models. */
export const contractParties = sqliteTable(
  'contract_parties',
  {
    versionId: integer('version_id')
      .notNull()
      .references(() => contractVersions.id),
    ods: text('ods').notNull(),
    role: text('role').notNull(),
  },
  (t) => [index('contract_parties_ods').on(t.ods)],
);

export const submissions = sqliteTable(
  'submissions',
  {
    id: text('id').primaryKey(),
    contractName: text('contract_name')
      .notNull()
      .references(() => contracts.name),
    versionId: integer('version_id')
      .notNull()
      .references(() => contractVersions.id),
    provider: text('provider').notNull(),
    /** The dataset or aggregate return the feed is for. */
    source: text('source').notNull(),
    period: text('period').notNull(),
    format: text('format').notNull(),
    contentHash: text('content_hash').notNull(),
    rowCount: integer('row_count').notNull(),
    submittedAt: text('submitted_at').notNull(),
    submittedBy: text('submitted_by').notNull(),
  },
  (t) => [
    uniqueIndex('submissions_content').on(t.contractName, t.provider, t.source, t.period, t.contentHash),
    index('submissions_lookup').on(t.contractName, t.source, t.provider, t.period, t.submittedAt),
  ],
);

/** A submission's rows, as gzipped newline-delimited JSON in blocks, written in the submission's transaction. */
export const submissionBlocks = sqliteTable(
  'submission_blocks',
  {
    submissionId: text('submission_id')
      .notNull()
      .references(() => submissions.id),
    sequence: integer('sequence').notNull(),
    rowCount: integer('row_count').notNull(),
    data: blob('data', { mode: 'buffer' }).notNull(),
  },
  (t) => [uniqueIndex('submission_blocks_order').on(t.submissionId, t.sequence)],
);

export const tokens = sqliteTable('tokens', {
  id: text('id').primaryKey(),
  /** sha256 of the secret; the secret itself is shown once and never stored. */
  secretHash: text('secret_hash').notNull().unique(),
  organisation: text('organisation').notNull(),
  role: text('role').notNull(),
  label: text('label'),
  createdAt: text('created_at').notNull(),
  revokedAt: text('revoked_at'),
});

export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: text('at').notNull(),
    actor: text('actor').notNull(),
    action: text('action').notNull(),
    subject: text('subject').notNull(),
    outcome: text('outcome').notNull(),
    requestId: text('request_id'),
    detail: text('detail').notNull().default(sql`'{}'`),
    /** The seal: sha256 of the entry before and this entry's fields (audit/chain.ts). */
    hash: text('hash'),
  },
  // Auditors page through a date range (`from`, `to`).
  (t) => [index('audit_log_at').on(t.at)],
);
