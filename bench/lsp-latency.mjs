// Benchmark: how quickly the language server answers an author typing in a large contract.
//
// Starts the built server (`parity lsp --stdio`) with the contract library (`contracts/`) as its
// workspace folder, opens a generated 2,000-line contract that imports the library, then times
// one-character edits:
//   (a) edit -> textDocument/publishDiagnostics for the edited document
//   (b) edit -> textDocument/completion response, the request sent right after the edit at a
//       measure reference (so the list holds measures)
// Prints median, p90, min and max of each. Run: pnpm bench:lsp
// Env: ITERATIONS (default 40), WARMUP (default 5), LINES (default 2000),
//      PROFILE=<dir> to write a CPU profile of the server (node --cpu-prof) there,
//      PARITY_BIN=<path to bin/parity.js> to measure another build of the server.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { generateLibraryContract } from './generate-contract.mjs';
import { LspStdioClient } from './lsp-stdio-client.mjs';

const ROOT = join(import.meta.dirname, '..');
const ITERATIONS = Number(process.env.ITERATIONS ?? 40);
const WARMUP = Number(process.env.WARMUP ?? 5);
const LINES = Number(process.env.LINES ?? 2000);
const TARGET_DIAGNOSTICS_MS = 150;
const TARGET_COMPLETION_MS = 100;

const directory = mkdtempSync(join(tmpdir(), 'parity-lsp-latency-'));
const path = join(directory, 'generated.parity');
const uri = pathToFileURL(path).toString();
let text = generateLibraryContract(LINES);
writeFileSync(path, text);

const profileArgs = process.env.PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.PROFILE}`] : [];
const client = new LspStdioClient(profileArgs);

// Every publish for the generated document resolves the oldest waiter.
const diagnosticWaiters = [];
let lastDiagnostics = [];
client.on('textDocument/publishDiagnostics', (params, receivedAt) => {
  if (params.uri !== uri) return;
  lastDiagnostics = params.diagnostics;
  diagnosticWaiters.shift()?.(receivedAt);
});
const nextDiagnostics = () => new Promise((resolve) => diagnosticWaiters.push(resolve));

const started = performance.now();
const contractsUri = pathToFileURL(join(ROOT, 'contracts')).toString();
const { result: init } = await client.request('initialize', {
  processId: process.pid,
  rootUri: contractsUri,
  workspaceFolders: [{ uri: contractsUri, name: 'contracts' }],
  capabilities: {
    workspace: { configuration: true, workspaceFolders: true },
    textDocument: { completion: { completionItem: { snippetSupport: true } } },
  },
});
client.notify('initialized', {});
const sync = init.capabilities.textDocumentSync;
const incremental = (typeof sync === 'number' ? sync : sync?.change) === 2;

let version = 1;
const opened = nextDiagnostics();
client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'parity', version, text } });
const firstDiagnosticsAt = await opened;
const errors = lastDiagnostics.filter((d) => d.severity === 1);
if (errors.length > 0) {
  console.error(`the generated contract should check cleanly, but: ${JSON.stringify(errors.slice(0, 3))}`);
  process.exit(1);
}

// The edit: delete, then type again, the last letter of a library measure reference in the middle
// of the contract, as an author does while typing. Completion is asked at the end of the reference.
const reference = 'measure smi.SixChecksComplete';
const middle = text.indexOf(reference, Math.floor(text.length / 2));
const end = middle + reference.length;
const position = (offset) => {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length - 1, character: before.at(-1).length };
};

function edit() {
  const deleting = text[end - 1] === 'e';
  const start = position(end - 1);
  const stop = deleting ? position(end) : start;
  text = deleting
    ? text.slice(0, end - 1) + text.slice(end)
    : `${text.slice(0, end - 1)}e${text.slice(end - 1)}`;
  version++;
  const change = incremental ? { range: { start, end: stop }, text: deleting ? '' : 'e' } : { text };
  const sentAt = performance.now();
  client.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [change] });
  return sentAt;
}

// The cursor is at the end of the reference as it stands after the edit.
const cursor = () => position(text[end - 1] === 'e' ? end : end - 1);

async function timeDiagnostics() {
  const published = nextDiagnostics();
  const sentAt = edit();
  return (await published) - sentAt;
}

async function timeCompletion() {
  const published = nextDiagnostics();
  const sentAt = edit();
  const { result, receivedAt } = await client.request('textDocument/completion', {
    textDocument: { uri },
    position: cursor(),
  });
  const items = Array.isArray(result) ? result : (result?.items ?? []);
  if (!items.some((item) => item.label.includes('SixChecks'))) {
    throw new Error(`completion did not list the measure: ${JSON.stringify(items.slice(0, 5))}`);
  }
  await published; // let the build finish before the next edit
  return receivedAt - sentAt;
}

// Editors ask for code lenses after edits; each runs the contracts' tests through the engine. Not a
// target, but it shares the server's thread with the next edit.
async function timeCodeLenses() {
  const { result } = await client.request('textDocument/codeLens', { textDocument: { uri } });
  if (!Array.isArray(result) || result.length === 0) throw new Error('no code lenses');
  const sentAt = performance.now();
  const { receivedAt } = await client.request('textDocument/codeLens', { textDocument: { uri } });
  return { ms: receivedAt - sentAt, lenses: result.length };
}

for (let i = 0; i < WARMUP; i++) await timeDiagnostics();
const diagnostics = [];
const cpuBefore = client.cpuMs();
for (let i = 0; i < ITERATIONS; i++) diagnostics.push(await timeDiagnostics());
// The server process's CPU time per edit, over all its threads: less sensitive than the latencies
// to waiting for a core, though still affected by other load.
const cpuPerEdit = cpuBefore === undefined ? undefined : (client.cpuMs() - cpuBefore) / ITERATIONS;
for (let i = 0; i < WARMUP; i++) await timeCompletion();
const completion = [];
for (let i = 0; i < ITERATIONS; i++) completion.push(await timeCompletion());

const lensRuns = [];
for (let i = 0; i < 5; i++) {
  // Lenses are left out while the document has errors: time them with the reference whole again.
  await timeDiagnostics();
  if (text[end - 1] !== 'e') await timeDiagnostics();
  lensRuns.push(await timeCodeLenses());
}

await client.shutdown();
rmSync(directory, { recursive: true, force: true });

function summary(name, timings, target) {
  const sorted = [...timings].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
  const median = at(0.5);
  const f = (ms) => `${ms.toFixed(0)} ms`;
  const verdict = median <= target ? 'meets' : 'MISSES';
  return `${name}: median ${f(median)}, p90 ${f(at(0.9))}, min ${f(sorted[0])}, max ${f(sorted.at(-1))} over ${sorted.length} edits (${verdict} the ${target} ms target)`;
}

const cpu = cpus();
console.log(
  `machine: ${cpu.length} cpu(s) (${cpu[0]?.model.trim()}), node ${process.version}, load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
console.log(
  `document: ${text.split('\n').length} lines generated + contracts/ as workspace folder; sync ${incremental ? 'incremental' : 'full'}`,
);
console.log(`startup to first diagnostics: ${(firstDiagnosticsAt - started).toFixed(0)} ms`);
console.log(summary('edit -> diagnostics', diagnostics, TARGET_DIAGNOSTICS_MS));
console.log(summary('edit -> completion ', completion, TARGET_COMPLETION_MS));
{
  const sorted = lensRuns.map((r) => r.ms).sort((a, b) => a - b);
  console.log(
    `code lenses (${lensRuns[0].lenses}, running every contract's tests) after an edit: median ${sorted[2].toFixed(0)} ms, max ${sorted[4].toFixed(0)} ms over 5`,
  );
}
if (cpuPerEdit !== undefined)
  console.log(
    `server process CPU per edit (all threads: parse, link, validate, GC, JIT): ${cpuPerEdit.toFixed(0)} ms`,
  );
if (client.stderr.trim()) console.log(`server stderr:\n${client.stderr}`);
