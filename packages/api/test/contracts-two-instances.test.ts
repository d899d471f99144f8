import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { verifyAudit } from '../src/audit/verify.js';
import { ContractChecker } from '../src/contracts/checker.js';
import { storeVersion } from '../src/contracts/store.js';
import { type Database, openDatabase } from '../src/db/open.js';
import { CONTRACTS_DIR, readParityFolder } from '../src/library.js';
import { FEEDS_TEST_CONTRACT } from './helpers/feeds-contract.js';

// Two service instances on one database file, each a process of its own (the built store module),
// publish versions of one contract at the same time: their write transactions must queue.
const STORE = join(import.meta.dirname, '../out/contracts/store.js');
const OPEN = join(import.meta.dirname, '../out/db/open.js');
const INSTANCE = `
import { readFile } from 'node:fs/promises';
const [{ storeVersion }, { openDatabase }] = await Promise.all([import(process.env.STORE), import(process.env.OPEN)]);
const db = await openDatabase(process.env.URL);
const inputs = JSON.parse(await readFile(process.env.INPUTS, 'utf8'));
const audit = () => ({ actor: 'test', action: 'publish', subject: 'TwoInstances', outcome: 'ok' });
const stored = await Promise.all(inputs.map((input) => storeVersion(db, { ...input, audit })));
console.log(JSON.stringify(stored.map((s) => ({ created: s.created, version: s.version.version }))));
`;

let folder: string;
let db: Database;
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'parity-two-instances-'));
  db = await openDatabase(`file:${join(folder, 'parity.db')}`);
});
afterAll(async () => {
  db.$client.close();
  await rm(folder, { recursive: true, force: true });
});

function instance(inputsFile: string): Promise<{ created: boolean; version: number }[]> {
  const env = { ...process.env, STORE, OPEN, URL: `file:${join(folder, 'parity.db')}`, INPUTS: inputsFile };
  return new Promise((resolve, reject) =>
    execFile(process.execPath, ['--input-type=module', '-e', INSTANCE], { env }, (error, stdout, stderr) =>
      error ? reject(new Error(stderr || String(error))) : resolve(JSON.parse(stdout)),
    ),
  );
}

/** One compiled contract as `count` distinct versions: the same model under different content hashes. */
async function modelsOf(count: number) {
  const checker = new ContractChecker(await readParityFolder(CONTRACTS_DIR, 'nhs'));
  const text = FEEDS_TEST_CONTRACT.text.replace(
    'contract FeedsTest "Feeds test contract 2026/27"',
    'contract TwoInstances "Two instances"',
  );
  const sources = [{ path: 'test/two-instances.parity', text }];
  const outcome = await checker.check(sources);
  expect(outcome.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const model = outcome.models[0]!;
  return Array.from({ length: count }, (_, n) => ({
    model: { ...model, contentHash: `${n}`.padStart(64, '0') },
    sources,
  }));
}

test('two instances publishing versions of one contract at once number them without a gap or a clash', async () => {
  const models = await modelsOf(6);
  const now = '2026-05-01T09:00:00.000Z';
  const inputs = models.map(({ model, sources }) => ({
    model,
    sources,
    author: 'test',
    effectiveDate: '2026-04-01',
    now,
  }));
  const files = [join(folder, 'first.json'), join(folder, 'second.json')];
  await writeFile(files[0]!, JSON.stringify(inputs.filter((_, n) => n % 2 === 0)));
  await writeFile(files[1]!, JSON.stringify(inputs.filter((_, n) => n % 2 === 1)));
  const stored = (await Promise.all(files.map(instance))).flat();
  expect(stored.every((s) => s.created)).toBe(true);
  expect(stored.map((s) => s.version).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6]);
  // Each publish was audited in its own transaction, sealed in turn across both processes.
  const chain = await verifyAudit(db.$client);
  expect(chain.breaks).toEqual([]);
  expect(chain.sealed).toBe(6);
});

test('one process publishing several versions at once never stalls on its own write lock', async () => {
  // Without taking turns, a second transaction's BEGIN waits out the 5 s busy timeout synchronously.
  const models = (await modelsOf(4)).map(({ model, sources }) => ({
    model: {
      ...model,
      contract: { ...model.contract, name: 'OneProcess' },
      contentHash: `a${model.contentHash.slice(1)}`,
    },
    sources,
  }));
  const started = performance.now();
  const stored = await Promise.all(
    models.map(({ model, sources }) =>
      storeVersion(db, {
        model,
        sources,
        author: 'test',
        effectiveDate: '2026-04-01',
        now: '2026-05-01T09:00:00.000Z',
        audit: () => ({ actor: 'test', action: 'publish', subject: 'test', outcome: 'ok' }),
      }),
    ),
  );
  expect(stored.map((s) => s.version.version).sort()).toEqual([1, 2, 3, 4]);
  expect(performance.now() - started).toBeLessThan(2500);
});
