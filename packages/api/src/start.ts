import { mkdir } from 'node:fs/promises';
import type { Server } from 'node:http';
import { dirname } from 'node:path';
import { serve } from '@hono/node-server';
import { readLibrary } from '@parity/dsl/node';
import { createApp } from './app.js';
import { ROLES } from './auth/tokens.js';
import { type Clock, systemClock } from './clock.js';
import { readConfig, type ServiceConfig } from './config.js';
import { ContractChecker } from './contracts/checker.js';
import { openDatabase } from './db/open.js';
import { type DemoToken, loadDemo } from './demo.js';
import { loadObservations } from './feeds/load.js';
import { sweepTempFolders } from './feeds/temp-folders.js';
import { CONTRACTS_DIR } from './library.js';
import { createLogger, type LogDestination } from './logger.js';
import { createMetrics } from './ops/metrics.js';
import { drainServer } from './ops/shutdown.js';
import { PositionCache } from './positions/cache.js';
import { ReadCache } from './read-cache.js';
import type { Services } from './services.js';

export interface RunningService {
  url: string;
  services: Services;
  /** The demo tokens, when this start loaded the demo into an empty database; shown once. */
  demoTokens?: DemoToken[];
  /** How to create a token, for a start that showed none (a restart, or no demo). */
  tokenHint: string;
  /**
   * Stops gracefully: refuses new connections, lets requests in flight finish (for up to
   * SHUTDOWN_GRACE_SECONDS), then closes the database.
   */
  close(): Promise<void>;
}

const TOKEN_HINT = `Tokens are shown only when the demo is first loaded. Create one with:
  parity token create --org <ODS code> --role <${ROLES.join('|')}>
`;

/** Builds the services from settings: opens and migrates the database and loads the shared library. */
export async function createServices(
  config: ServiceConfig,
  clock: Clock = systemClock,
  logDestination?: LogDestination,
): Promise<Services> {
  if (config.DATABASE_URL.startsWith('file:'))
    await mkdir(dirname(config.DATABASE_URL.slice(5)), { recursive: true });
  const db = await openDatabase(config.DATABASE_URL, config.DATABASE_AUTH_TOKEN);
  const library = await readLibrary();
  // Rows spooled by feeds of a process killed mid-feed are not left on disk.
  await sweepTempFolders();
  return {
    db,
    clock,
    logger: createLogger(config.LOG_LEVEL, logDestination),
    metrics: createMetrics(),
    config,
    checker: new ContractChecker(library),
    positions: new PositionCache(),
    reads: new ReadCache(),
    observations: loadObservations,
  };
}

/**
 * Starts the service: settings from the environment (read once), the database created and
 * migrated, the demo loaded into an empty database, and HTTP served until `close`.
 */
export async function startService(
  env: Record<string, string | undefined> = process.env,
  clock?: Clock,
  logDestination?: LogDestination,
): Promise<RunningService> {
  const config = readConfig(env);
  const services = await createServices(config, clock, logDestination);
  const demoTokens = config.PARITY_DEMO ? await loadDemo(services, CONTRACTS_DIR) : undefined;
  const app = createApp(services);
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const started = serve({ fetch: app.fetch, port: config.PORT, hostname: config.HOST }, () =>
      resolve(started),
    );
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  const url = `http://${config.HOST}:${port}`;
  services.logger.info('serving', { url });
  return {
    url,
    services,
    demoTokens,
    tokenHint: TOKEN_HINT,
    close: async () => {
      services.logger.info('stopping: finishing requests in flight', {
        graceSeconds: config.SHUTDOWN_GRACE_SECONDS,
      });
      const finished = await drainServer(server as Server, config.SHUTDOWN_GRACE_SECONDS * 1000);
      services.db.$client.close();
      const log = finished ? services.logger.info : services.logger.warn;
      log('stopped', { finishedInFlight: finished });
    },
  };
}
