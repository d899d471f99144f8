/**
 * @parity/api: the Parity service. `startService` runs it from environment settings;
 * `createApp` builds the Hono application around given services (for tests and embedding).
 */
export { createApp } from './app.js';
export { type AuditVerification, verifyAudit, verifyAuditAt } from './audit/verify.js';
export { createToken, ROLES, type Role, revokeToken } from './auth/tokens.js';
export { type Clock, systemClock, today } from './clock.js';
export { readConfig, type ServiceConfig } from './config.js';
export { type Database, openDatabase } from './db/open.js';
// A feed read from a file outside the service (`parity eval`) goes through the same checks as one sent to it.
export { NO_EXTRACT_ROWS } from './feeds/accept-extract.js';
export { FeedBody } from './feeds/body-stream.js';
export { ExtractRows, type ExtractRules } from './feeds/extract-rows.js';
export { type FeedError, FeedErrors } from './feeds/feed-errors.js';
export { type FeedFormat, type FeedTarget, findTarget, targetNames } from './feeds/feed-target.js';
export { type IngestOutcome, ingestFeed, problemOf, readObjects, readTable } from './feeds/ingest.js';
export { readRecordCsv } from './feeds/record-file.js';
export { readsAggregate, recordsOfBlock } from './feeds/stored-rows.js';
export { statementCsv } from './positions/statement.js';
export type { Services } from './services.js';
export { createServices, type RunningService, startService } from './start.js';
