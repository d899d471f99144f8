// Benchmark: a position request for a contract with 20 measures × 12 months of returns, answered by
// the real server, under 50 concurrent clients loading it from a second process on loopback.
// Prints the figures. Run: pnpm bench:positions   (DURATION=ms, CONCURRENCY=n to change)
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..');
const directory = mkdtempSync(join(tmpdir(), 'parity-positions-'));
const env = {
  ...process.env,
  DATABASE_URL: `file:${join(directory, 'bench.db')}`,
  PORT: '0',
  LOG_LEVEL: 'warn',
  PARITY_DEMO: 'false',
  RATE_LIMIT_PER_MINUTE: '100000000',
};
const MEASURES = 20;

function token(org, role) {
  const out = execFileSync(
    process.execPath,
    [join(ROOT, 'packages/cli/bin/parity.js'), 'token', 'create', '--org', org, '--role', role],
    { env, encoding: 'utf8' },
  );
  return out.split('\n')[1].trim();
}

function contractSource() {
  const lines = [
    'package bench',
    'import "nhs/organisations"',
    '',
    'aggregate return BenchReturn "Monthly return" {',
    '  rows are events',
    '  source "Provider monthly return"',
    '}',
    '',
  ];
  for (let i = 1; i <= MEASURES; i++) {
    lines.push(
      `measure M${i} "Measure ${i}" {`,
      '  domain mental-health',
      '  from BenchReturn',
      '  minimum denominator 20',
      '  higher is better',
      '  period quarter',
      '}',
      '',
    );
  }
  lines.push(
    'contract Bench "Benchmark contract" {',
    '  arrangement cquin',
    '  year 2026/27',
    '  commissioner BradfordPlace',
    '  provider BradfordDistrictCare',
    '  value £84,000,000',
    '  cquin Scheme "Scheme" worth 1.25% of value {',
    '    assessed quarterly',
  );
  for (let i = 1; i <= MEASURES; i++)
    lines.push(
      `    indicator I${i} weight 5% {`,
      `      measure M${i}`,
      '      linear from 40% to 80%',
      '    }',
    );
  lines.push('  }', '}', '');
  return lines.join('\n');
}

function feedCsv() {
  const rows = ['measure,period,numerator,denominator,value,pence'];
  const months = [
    '2026-04',
    '2026-05',
    '2026-06',
    '2026-07',
    '2026-08',
    '2026-09',
    '2026-10',
    '2026-11',
    '2026-12',
    '2027-01',
    '2027-02',
    '2027-03',
  ];
  for (let i = 1; i <= MEASURES; i++)
    for (const [m, month] of months.entries())
      rows.push(`bench.M${i},${month},${100 + ((i * 7 + m * 13) % 90)},200,,`);
  return `${rows.join('\n')}\n`;
}

const commissioner = token('36J', 'commissioner');
const provider = token('TAD', 'provider');
// PROFILE=<folder> writes a CPU profile of the server.
const profile = process.env.PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.PROFILE}`] : [];
const serverScript =
  "const { startService } = await import('@parity/api'); const s = await startService(process.env); console.log('URL ' + s.url); process.once('SIGTERM', () => s.close().then(() => process.exit(0)));";
const server = spawn(process.execPath, [...profile, '--input-type=module', '-e', serverScript], {
  env,
  cwd: join(ROOT, 'packages/api'),
  stdio: ['ignore', 'pipe', 'inherit'],
});
const base = await new Promise((resolve, reject) => {
  server.stdout.on('data', (chunk) => {
    const match = /URL (\S+)/.exec(String(chunk));
    if (match) resolve(match[1]);
  });
  server.on('exit', (code) => reject(new Error(`server exited ${code}`)));
});

try {
  const published = await fetch(`${base}/contracts`, {
    method: 'POST',
    headers: { authorization: `Bearer ${commissioner}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      sources: [{ path: 'bench.parity', text: contractSource() }],
      effectiveDate: '2026-04-01',
    }),
  });
  if (published.status !== 201) throw new Error(`publish: ${published.status} ${await published.text()}`);
  const fed = await fetch(`${base}/contracts/bench.Bench/feeds/BenchReturn?period=2027-03`, {
    method: 'POST',
    headers: { authorization: `Bearer ${provider}`, 'content-type': 'text/csv' },
    body: feedCsv(),
  });
  if (fed.status !== 201) throw new Error(`feed: ${fed.status} ${await fed.text()}`);
  const url = `${base}/contracts/bench.Bench/position?asOf=2027-04-01`;
  const first = performance.now();
  const response = await fetch(url, { headers: { authorization: `Bearer ${provider}` } });
  const text = await response.text();
  const body = JSON.parse(text);
  console.log(`position body: ${(text.length / 1024).toFixed(0)} KB`);
  const firstMs = performance.now() - first;
  const compressed = await fetch(url, {
    headers: { authorization: `Bearer ${provider}`, 'accept-encoding': 'gzip' },
  });
  console.log(`served compressed: ${compressed.headers.get('content-encoding') ?? 'no'}`);
  const target = process.env.TARGET === 'health' ? `${base}/health` : url;
  const load = spawn(process.execPath, [join(import.meta.dirname, 'load-client.mjs'), target, provider], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: process.env,
  });
  let output = '';
  load.stdout.on('data', (chunk) => (output += chunk));
  await new Promise((resolve) => load.on('exit', resolve));
  const figures = JSON.parse(output);
  console.log(
    `contract: ${MEASURES} measures × 12 months of returns; position has ${body.measures.length} measure figures and ${body.lines.length} payment lines`,
  );
  console.log(`first request (computes the position): ${firstMs.toFixed(1)} ms`);
  console.log(
    `${process.env.CONCURRENCY ?? 50} concurrent clients from a second process, ${(figures.seconds).toFixed(1)} s: ${figures.requests} requests, ${figures.failures} failures, ${figures.rps.toFixed(0)} req/s`,
  );
  // autocannon's histogram reports p90 and p97.5, which bracket p95.
  console.log(
    `latency: p50 ${figures.p50} ms, p90 ${figures.p90} ms, p97.5 ${figures.p97_5} ms (so p95 ≤ ${figures.p97_5} ms), p99 ${figures.p99} ms, max ${figures.max} ms`,
  );
} finally {
  server.kill('SIGTERM');
  await new Promise((resolve) => server.on('exit', resolve));
  rmSync(directory, { recursive: true, force: true });
}
