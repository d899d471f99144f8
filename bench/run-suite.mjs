// Runs one test of a suite under packages/*/test/suites with vitest at a long run's size, for the
// bench/ scripts that stretch a CI suite (fuzz-feeds.mjs, crash-ingest.mjs).
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';

/** Runs the suite's one test with vitest, printing the suite's lines (they name the seed). */
export async function runSuite(file, name, env) {
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
