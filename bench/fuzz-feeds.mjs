// The feed fuzzer's long run: the suite of packages/api/test/suites/feed-fuzz.test.ts (the real
// service on loopback, over a database file of its own) sent 10,000 mutated feeds instead of the
// 2,000 run with every test. Prints the suite's figures: variants, answers by status and format,
// the slowest answer, and failures by kind.
// Run: node bench/fuzz-feeds.mjs   (VARIANTS=n for another count; SEED=n to replay a run)
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';

const variants = process.env.VARIANTS ?? '10000';
process.exitCode = await runSuite('packages/api/test/suites/feed-fuzz.test.ts', 'mutated feeds', {
  FEED_FUZZ_VARIANTS: variants,
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
