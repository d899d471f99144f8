import { readConfig, startService } from '@parity/api';
import { parseCommandArgs } from '../args.js';
import { type Output, UsageError } from '../output.js';

const HELP = `Usage: parity serve

Starts the Parity service. Settings come from the environment:
  PORT (8787), HOST (127.0.0.1), DATABASE_URL (file:data/parity.db, or a libsql:// or https:// server URL),
  DATABASE_AUTH_TOKEN, LOG_LEVEL (info), MAX_CONTRACT_BYTES, MAX_FEED_BYTES, RATE_LIMIT_PER_MINUTE,
  PARITY_DEMO (true: load the demo contracts, feeds and tokens into an empty database),
  PARITY_COMMIT (shown at /version), SHUTDOWN_GRACE_SECONDS (30).
Stops cleanly on Ctrl-C (SIGINT) or SIGTERM: requests in flight finish (for up to the grace period).
Probes and measurements: /health, /ready, /metrics (Prometheus), /version.
`;

export async function runServe(args: string[], output: Output): Promise<number> {
  const parsed = parseCommandArgs(args, {});
  if (parsed.positionals.length > 0)
    throw new UsageError(
      `takes no arguments (settings come from the environment), not '${parsed.positionals[0]}'`,
    );
  if (parsed.help) {
    output.stdout.write(HELP);
    return 0;
  }
  try {
    readConfig(process.env);
  } catch (error) {
    // A setting that is not one (PORT=abc) is said in a line, not as a stack trace.
    throw new UsageError((error as Error).message);
  }
  const service = await startService(process.env);
  output.stdout.write(
    `Parity is serving at ${service.url}  (API docs: ${service.url}/docs, OpenAPI: ${service.url}/openapi.json)\n`,
  );
  if (service.demoTokens) {
    output.stdout.write('\nDemo loaded. Tokens (shown once; keep them):\n');
    for (const token of service.demoTokens)
      output.stdout.write(`  ${token.role.padEnd(12)} ${token.organisation}  ${token.secret}\n`);
    output.stdout.write('\nFollow examples/requests.http to publish, submit a feed and read a statement.\n');
  } else output.stdout.write(`\n${service.tokenHint}`);
  await new Promise<void>((resolve) => {
    const stop = () => {
      output.stdout.write('\nStopping: finishing requests in flight…\n');
      service.close().then(resolve, resolve);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  return 0;
}
