/**
 * @parity/api: the Parity service. `startService` runs it from environment settings;
 * `createApp` builds the Hono application around given services (for tests and embedding).
 */
export { createApp } from './app.js';
export { createToken, ROLES, type Role, revokeToken } from './auth/tokens.js';
export { type Clock, systemClock } from './clock.js';
export { readConfig, type ServiceConfig } from './config.js';
export { type Database, openDatabase } from './db/open.js';
export { readRecordCsv } from './feeds/record-file.js';
export type { Services } from './services.js';
export { createServices, type RunningService, startService } from './start.js';
