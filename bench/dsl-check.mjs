// Measures parsing, linking and validating the whole contract library plus a generated
// 5,000-line contract, as `parity check` and the language server do. Prints figures.
// Run: pnpm bench:dsl   (RUNS=n to change the number of timed runs)
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { checkSources, createParityServices } from '@parity/dsl';
import { EmptyFileSystem } from 'langium';
import { generateContract } from './generate-contract.mjs';

const ROOT = join(import.meta.dirname, '..');
const RUNS = Number(process.env.RUNS ?? 9);

function listParity(directory) {
  return readdirSync(directory).flatMap((name) => {
    const path = join(directory, name);
    if (statSync(path).isDirectory()) return listParity(path);
    return name.endsWith('.parity') ? [path] : [];
  });
}

const library = listParity(join(ROOT, 'contracts')).map((path) => ({
  path,
  text: readFileSync(path, 'utf8'),
}));
const generated = generateContract(5000);
const sources = [...library, { path: join(ROOT, 'bench/generated.parity'), text: generated }];
const lines = sources.reduce((sum, s) => sum + s.text.split('\n').length, 0);

// Cold: a new process's first check, including building the parser from the grammar.
const coldStart = performance.now();
const services = createParityServices(EmptyFileSystem);
let result = await checkSources(services, sources);
const coldMs = performance.now() - coldStart;

// Warm: the same services checking the same sources again, as an editor or the service does.
const timings = [];
for (let run = 0; run < RUNS; run++) {
  const existing = services.shared.workspace.LangiumDocuments.all.map((d) => d.uri).toArray();
  await services.shared.workspace.DocumentBuilder.update([], existing);
  const t0 = performance.now();
  result = await checkSources(services, sources);
  timings.push(performance.now() - t0);
}
timings.sort((a, b) => a - b);
const median = timings[Math.floor(timings.length / 2)];
const errors = result.diagnostics.filter((d) => d.severity === 'error').length;
console.log(
  `files: ${sources.length} (${library.length} library + 1 generated), lines: ${lines} (generated: ${generated.split('\n').length})`,
);
console.log(`errors found: ${errors}`);
console.log(`cold (new services, parser built, first check): ${coldMs.toFixed(0)} ms`);
console.log(
  `warm parse + link + validate: median ${median.toFixed(0)} ms, min ${timings[0].toFixed(0)} ms, max ${timings.at(-1).toFixed(0)} ms over ${RUNS} runs`,
);
