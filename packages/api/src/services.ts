import type { Principal } from './auth/tokens.js';
import type { Clock } from './clock.js';
import type { ServiceConfig } from './config.js';
import type { ContractChecker } from './contracts/checker.js';
import type { Database } from './db/open.js';
import type { loadObservations } from './feeds/load.js';
import type { Logger } from './logger.js';
import type { ServiceMetrics } from './ops/metrics.js';
import type { PositionCache } from './positions/cache.js';
import type { ReadCache } from './read-cache.js';

/** Reads the observations of a contract known at a date (`loadObservations`, or a wrapper of it). */
export type ObservationLoader = typeof loadObservations;

/** What handlers reach: passed into `createApp`, never module-level singletons. */
export interface Services {
  db: Database;
  clock: Clock;
  logger: Logger;
  /** Request, ingest and evaluation measurements, served at /metrics. */
  metrics: ServiceMetrics;
  config: ServiceConfig;
  checker: ContractChecker;
  positions: PositionCache;
  reads: ReadCache;
  /** How positions read their observations: passed in so that tests can count and check each read. */
  observations: ObservationLoader;
}

export interface AppEnv {
  Variables: {
    requestId: string;
    principal: Principal;
    services: Services;
    /** Set once the request's outcome is in the audit log, so it is not recorded twice. */
    audited?: boolean;
  };
}
