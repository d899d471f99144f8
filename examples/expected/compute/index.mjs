// Writes examples/expected/<contract>.csv for every contract module in this folder.
//
// Each module (every *.mjs here except this file and read-feeds.mjs) exports `contract`, the
// contract's package-qualified name, and `lines()`, the statement's payment lines as of the
// demo's today, each { kind, clause, period, provider, version, pence } with pence a BigInt.
//
//   node examples/expected/compute/index.mjs            every module
//   node examples/expected/compute/index.mjs oxford     only the modules whose file name contains "oxford"

import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, '..');
const only = process.argv.slice(2);
const skip = new Set(['index.mjs', 'read-feeds.mjs']);

const cell = (v) => {
  const s = String(v);
  return /[",\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
};

const files = readdirSync(here)
  .filter((f) => f.endsWith('.mjs') && !skip.has(f))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();
for (const file of files) {
  const mod = await import(pathToFileURL(join(here, file)).href);
  // A module of other tables (commissioner shares) exports `outputs()`: [{ file, columns, rows }].
  if (typeof mod.outputs === 'function') {
    for (const table of await mod.outputs()) {
      const target = join(out, table.file);
      mkdirSync(dirname(target), { recursive: true });
      const text = [table.columns, ...table.rows].map((row) => row.map(cell).join(',')).join('\n');
      writeFileSync(target, `${text}\n`);
      console.log(`${table.file}: ${table.rows.length} rows (${file})`);
    }
    continue;
  }
  if (typeof mod.contract !== 'string' || typeof mod.lines !== 'function') {
    console.warn(`${file}: exports no contract and lines(); skipped`);
    continue;
  }
  const lines = await mod.lines();
  const rows = ['kind,clause,period,provider,version,pence'];
  for (const l of lines)
    rows.push([l.kind, l.clause, l.period, l.provider, l.version ?? 1, BigInt(l.pence)].map(cell).join(','));
  // A module may write elsewhere (`output`, e.g. the year-end close); by default <contract>.csv.
  const target = join(out, mod.output ?? `${mod.contract}.csv`);
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, `${rows.join('\n')}\n`);
  const total = lines.filter((l) => l.provider !== '*').reduce((s, l) => s + BigInt(l.pence), 0n);
  console.log(`${mod.contract}: ${lines.length} lines, ${total} pence over providers (${file})`);
}
