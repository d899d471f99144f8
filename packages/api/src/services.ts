import type { Principal } from './auth/tokens.js';
import type { Clock } from './clock.js';
import type { ServiceConfig } from './config.js';
import type { ContractChecker } from './contracts/checker.js';
import type { Database } from './db/open.js';
import type { Logger } from './logger.js';
import type { PositionCache } from './positions/cache.js';
import type { ReadCache } from './read-cache.js';

/** What handlers reach: passed into `createApp`, never module-level singletons. */
export interface Services {
  db: Database;
  clock: Clock;
  logger: Logger;
  config: ServiceConfig;
  checker: ContractChecker;
  positions: PositionCache;
  reads: ReadCache;
}

export interface AppEnv {
  Variables: {
    requestId: string;
    principal: Principal;
    services: Services;
  };
}
