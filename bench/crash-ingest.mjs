// The crash suite's long run: the suite of packages/api/test/suites/crash.test.ts (the built
// service in a child process, killed with SIGKILL at seeded random points of a feed, then started
// again on its folder) with 20 runs of 1,000,000 rows instead of the 10 runs of up to
// 200,000 run with every test. Prints each run and the suite's figures: kills during the upload
// and after it, submissions stored whole, partial ones (always 0, or the run fails).
// Build first: pnpm --filter @parity/api... build
// Run: node bench/crash-ingest.mjs   (RUNS=n, ROWS=n for another size; SEED=n to replay a run)
import { runSuite } from './run-suite.mjs';

process.exitCode = await runSuite('packages/api/test/suites/crash.test.ts', 'services killed', {
  CRASH_RUNS: process.env.RUNS ?? '20',
  CRASH_ROWS: process.env.ROWS ?? '1000000',
  CRASH_MIN_ROWS: process.env.ROWS ?? '1000000',
});
