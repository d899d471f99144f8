// Measures feed ingestion end to end: a generated 1,000,000-row, 15-column record-level CSV is
// POSTed, streamed from disk, to the real service (built code, in a child process, on loopback,
// over a temporary database file). Prints rows, seconds, rows/s and the server's peak RSS (VmHWM),
// then the time of the first (cold) position over the stored rows and of the next (cached) one.
// Build first: pnpm --filter @parity/api... build
// Run: node bench/ingest.mjs   (ROWS=n for another size; KEEP=1 keeps the temporary folder;
// PROFILE=<folder> writes a CPU profile of the server)
// EXTRACT=1 node bench/ingest.mjs sends the rows instead as one extract of three providers and six
// months (POST /contracts/{name}/extracts/{source}, a provider column first, rows in random order),
// stored as eighteen submissions; the dataset is submitted by the commissioner, who sends it.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROWS = Number(process.env.ROWS ?? 1_000_000);
const PERIOD = '2026-05';
const EXTRACT = Boolean(process.env.EXTRACT);
/** The extract's providers (ODS codes) and months (2026-04 to 2026-09). */
const PROVIDERS = ['TAD', 'RAE', 'RCF'];
const EXTRACT_MONTHS = 6;

// ------------------------------------------------------------------ the contract: 15 fields

const CONTRACT = `package bench.ingest

import "nhs/organisations"

dataset LiaisonEpisodes "Liaison episodes, fifteen fields" per episode {
  rows are events
  source "Generated"
  dated by referred_at
  person: pseudonym "Pseudonymous person key"
  episode_id: text "Episode reference"
  referred_at: datetime "Referral received"
  seen_at: datetime? "First seen"
  assessed_on: date? "Assessed"
  setting: code in ("ED", "ward", "outpatient") "Setting"
  urgency: code in ("emergency", "urgent", "routine") "Urgency"
  age: integer "Age in years"
  nights: integer? "Nights in hospital"
  self_harm: boolean "Self-harm"
  smoker: boolean? "Smoker"
  hba1c: decimal? "HbA1c"
  cost: money "Cost of the episode"
  ethnicity: code? in ("A", "B", "C", "D", "E", "F", "G", "H", "J", "K", "L", "M", "N", "P", "R", "S", "Z") "Ethnic category"
  discharged_on: date? "Discharged"
}

measure SeenWithinAnHour "Emergency referrals seen within an hour" {
  domain mental-health
  from LiaisonEpisodes
  denominator urgency = "emergency"
  numerator seen_at within 1 hour of referred_at
  higher is better
  period quarter
}

contract IngestBench "Ingestion benchmark 2026/27" {
  arrangement block
  year 2026/27
  commissioner BradfordPlace
  provider BradfordDistrictCare
  value £1,000,000
  instalments monthly
  monitor SeenWithinAnHour target 90%
}
`;

// The extract's contract: the same dataset sent by the commissioner for three providers.
const EXTRACT_CONTRACT = CONTRACT.replace(
  '  source "Generated"\n',
  '  source "Generated"\n  submitted by commissioner\n',
)
  .replace(
    '  provider BradfordDistrictCare\n',
    '  provider BradfordDistrictCare\n  provider BradfordTeachingHospitals\n  provider AiredaleNhsFT\n',
  )
  .replace(
    '  monitor SeenWithinAnHour target 90%\n',
    '  monitor SeenWithinAnHour target 90% accountable BradfordDistrictCare\n',
  );

const COLUMNS = [
  'person',
  'episode_id',
  'referred_at',
  'seen_at',
  'assessed_on',
  'setting',
  'urgency',
  'age',
  'nights',
  'self_harm',
  'smoker',
  'hba1c',
  'cost',
  'ethnicity',
  'discharged_on',
];

async function generateCsv(path, rows) {
  const out = createWriteStream(path);
  let seed = 1;
  const random = () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
  const pad = (n) => String(n).padStart(2, '0');
  let text = `${EXTRACT ? 'provider,' : ''}${COLUMNS.join(',')}\n`;
  for (let i = 0; i < rows; i++) {
    // A feed's rows are all dated in its month; an extract's spread over its providers and months.
    const month = EXTRACT ? 4 + Math.floor(random() * EXTRACT_MONTHS) : Number(PERIOD.slice(5));
    const provider = EXTRACT ? `${PROVIDERS[Math.floor(random() * PROVIDERS.length)]},` : '';
    const day = `2026-${pad(month)}-${pad(1 + Math.floor(random() * 28))}`;
    const hour = Math.floor(random() * 23);
    const minute = pad(Math.floor(random() * 60));
    const seen = random() < 0.8 ? `${day}T${pad(hour + 1)}:${minute}` : '';
    const assessed = random() < 0.5 ? day : '';
    const selfHarm = random() < 0.1 ? 'true' : 'false';
    const smoker = random() < 0.3 ? 'yes' : 'no';
    const hba1c = random() < 0.5 ? (40 + random() * 20).toFixed(1) : '';
    const cost = (random() * 5000).toFixed(2);
    const discharged = random() < 0.3 ? day : '';
    text += `${provider}P${(i * 7919) % 900000},E${i},${day}T${pad(hour)}:${minute},${seen},${assessed},${['ED', 'ward', 'outpatient'][i % 3]},${['emergency', 'urgent', 'routine'][i % 3]},${18 + (i % 70)},${i % 9},${selfHarm},${smoker},${hba1c},${cost},${'ABCDEFGHJKLMNPRSZ'[i % 17]},${discharged}\n`;
    if (text.length > 1 << 16) {
      if (!out.write(text)) await once(out, 'drain');
      text = '';
    }
  }
  out.end(text);
  await once(out, 'finish');
}

// ------------------------------------------------------------------ the server, in a child process

const SERVER = `
import { createToken, startService } from '@parity/api';
const running = await startService(process.env);
const { db, clock } = running.services;
const commissioner = (await createToken(db, clock, '36J', 'commissioner')).secret;
const provider = (await createToken(db, clock, 'TAD', 'provider')).secret;
process.stdout.write(JSON.stringify({ url: running.url, commissioner, provider }) + '\\n');
process.on('SIGTERM', () => running.close().then(() => process.exit(0)));
`;

async function startServer(directory) {
  // PROFILE=<folder> writes a CPU profile of the server there.
  const profile = process.env.PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.PROFILE}`] : [];
  const child = spawn(process.execPath, [...profile, '--input-type=module', '-e', SERVER], {
    cwd: join(import.meta.dirname),
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_URL: `file:${join(directory, 'bench.db')}`,
      PARITY_DEMO: 'false',
      LOG_LEVEL: 'warn',
      RATE_LIMIT_PER_MINUTE: '100000',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  for await (const chunk of child.stdout) {
    output += chunk;
    if (output.includes('\n')) break;
  }
  return { child, ...JSON.parse(output) };
}

/** The CPU seconds a process has used, user and system, all threads (from /proc/<pid>/stat). */
async function cpuSeconds(pid) {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

function peakRssMb(pid) {
  return readFile(`/proc/${pid}/status`, 'utf8').then(
    (status) => Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024,
  );
}

function post(url, token, path, size) {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const req = request(
      {
        host: target.hostname,
        port: target.port,
        path: EXTRACT
          ? '/contracts/bench.ingest.IngestBench/extracts/LiaisonEpisodes'
          : `/contracts/bench.ingest.IngestBench/feeds/LiaisonEpisodes?period=${PERIOD}`,
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv', 'content-length': size },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d) => {
          text += d;
        });
        res.on('end', () => resolve({ status: res.statusCode, body: text }));
      },
    );
    req.on('error', reject);
    createReadStream(path, { highWaterMark: 1 << 16 }).pipe(req);
  });
}

// ------------------------------------------------------------------ run

const directory = await mkdtemp(join(tmpdir(), 'parity-bench-ingest-'));
try {
  const csv = join(directory, 'feed.csv');
  const generating = performance.now();
  await generateCsv(csv, ROWS);
  const { size } = await stat(csv);
  console.log(
    `${EXTRACT ? `extract of ${PROVIDERS.length} providers x ${EXTRACT_MONTHS} months` : 'feed'}: ${ROWS.toLocaleString('en-GB')} rows x ${COLUMNS.length} columns, ${(size / 1e6).toFixed(1)} MB CSV (generated in ${((performance.now() - generating) / 1000).toFixed(1)} s)`,
  );

  const server = await startServer(directory);
  try {
    const published = await fetch(`${server.url}/contracts`, {
      method: 'POST',
      headers: { authorization: `Bearer ${server.commissioner}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        sources: [{ path: 'bench/ingest.parity', text: EXTRACT ? EXTRACT_CONTRACT : CONTRACT }],
        effectiveDate: '2026-04-01',
      }),
    });
    if (published.status !== 201)
      throw new Error(`publishing the bench contract failed: ${published.status} ${await published.text()}`);
    const baseline = await peakRssMb(server.child.pid);

    const cpuBefore = await cpuSeconds(server.child.pid);
    const started = performance.now();
    const response = await post(server.url, EXTRACT ? server.commissioner : server.provider, csv, size);
    const seconds = (performance.now() - started) / 1000;
    // On a shared machine the wall time depends on the other load; the server's own CPU does not.
    const cpu = (await cpuSeconds(server.child.pid)) - cpuBefore;
    if (response.status !== 201)
      throw new Error(`the feed was refused: ${response.status} ${response.body.slice(0, 2000)}`);
    const answer = JSON.parse(response.body);
    // An extract's answer lists its submissions; a feed's is one.
    const submission = EXTRACT
      ? { rows: answer.rows, id: `${answer.submissions.length} submissions, one per provider and month` }
      : answer;
    const peak = await peakRssMb(server.child.pid);
    const { size: dbSize } = await stat(join(directory, 'bench.db')).catch(() => ({ size: 0 }));
    const { size: walSize } = await stat(join(directory, 'bench.db-wal')).catch(() => ({ size: 0 }));

    console.log(
      `stored: ${submission.rows.toLocaleString('en-GB')} rows as ${EXTRACT ? '' : 'submission '}${submission.id}; database ${((dbSize + walSize) / 1e6).toFixed(1)} MB (with WAL)`,
    );
    console.log(
      `end to end: ${seconds.toFixed(2)} s, ${Math.round(submission.rows / seconds).toLocaleString('en-GB')} rows/s, ${(size / 1e6 / seconds).toFixed(1)} MB/s`,
    );
    console.log(
      `server CPU for the upload: ${cpu.toFixed(2)} s (all threads), ${Math.round(submission.rows / cpu).toLocaleString('en-GB')} rows per CPU second`,
    );
    console.log(
      `server peak RSS (VmHWM): ${peak.toFixed(0)} MB (before the upload: ${baseline.toFixed(0)} MB)`,
    );
    // The first position after the ingest reads and tallies every stored row; the next is cached.
    const position = async () => {
      const at = performance.now();
      const res = await fetch(`${server.url}/contracts/bench.ingest.IngestBench/position`, {
        headers: { authorization: `Bearer ${server.commissioner}` },
      });
      if (res.status !== 200) throw new Error(`the position failed: ${res.status} ${await res.text()}`);
      await res.arrayBuffer();
      return performance.now() - at;
    };
    // A feed is held to 150,000 rows/s, an extract (split as it streams) to 200,000.
    const target = EXTRACT ? 200_000 : 150_000;
    const cold = await position();
    const warm = await position();
    console.log(
      `first position after the ingest: ${(cold / 1000).toFixed(2)} s; the next: ${warm.toFixed(0)} ms`,
    );
    console.log(
      `targets: >= ${target.toLocaleString('en-GB')} rows/s ${submission.rows / seconds >= target ? 'met' : 'NOT met'}; peak < 300 MB ${peak < 300 ? 'met' : 'NOT met'}`,
    );
  } finally {
    server.child.kill('SIGTERM');
    await once(server.child, 'exit');
  }
} finally {
  if (!process.env.KEEP) await rm(directory, { recursive: true, force: true });
}
