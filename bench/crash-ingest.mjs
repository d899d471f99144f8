// The crash suite's long run: the suite of packages/api/test/suites/crash.test.ts (the built
// service in a child process, killed with SIGKILL at seeded random points of a feed, then started
// again on its folder) with 20 runs of 1,000,000 rows instead of the 10 runs of up to
// 200,000 run with every test. Prints each run and the suite's figures: kills during the upload
// and after it, submissions stored whole, partial ones (always 0, or the run fails).
// Build first: pnpm --filter @parity/api... build
// Run: node bench/crash-ingest.mjs   (RUNS=n, ROWS=n for another size; SEED=n to replay a run)
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';

process.exitCode = await runSuite('packages/api/test/suites/crash.test.ts', 'services killed', {
  CRASH_RUNS: process.env.RUNS ?? '20',
  CRASH_ROWS: process.env.ROWS ?? '1000000',
  CRASH_MIN_ROWS: process.env.ROWS ?? '1000000',
});

/** Runs the suite's one test with vitest, printing the suite's lines (they name the seed). */
async function runSuite(file, name, env) {
  const started = performance.now();
  const child = spawn('npx', ['vitest', 'run', file, '-t', name], {
    cwd: join(import.meta.dirname, '..'),
    env: { ...process.env, ...env, FORCE_COLOR: '0', NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines = [];
  const take = (chunk) => {
    for (const line of stripVTControlCharacters(chunk.toString()).split('\n')) {
      lines.push(line);
      if (line.includes('SEED=')) console.log(line.trimEnd());
    }
  };
  child.stdout.on('data', take);
  child.stderr.on('data', take);
  const [code] = await once(child, 'exit');
  const summary = lines
    .filter((line) => /Tests\s+\d/.test(line))
    .join(' ')
    .trim();
  console.log(`${summary || 'no test summary'}; ${Math.round((performance.now() - started) / 1000)} s`);
  if (code !== 0) console.log(lines.slice(-80).join('\n'));
  return code;
}
