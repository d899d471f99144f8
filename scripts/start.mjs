// `pnpm start`: builds only the packages whose sources changed since their last build (and the
// packages that depend on them), then runs `parity serve` in this process. After a package is
// built, a fingerprint of its inputs (path, size and modification time of each file) is kept in
// its out/.inputs; a start whose fingerprints all match builds nothing.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = join(import.meta.dirname, '..');

/** In build order; `inputs` are relative to the package, `needs` are packages built before it. */
const PACKAGES = [
  { name: '@parity/engine', dir: 'packages/engine', inputs: ['src'], needs: [] },
  {
    name: '@parity/dsl',
    dir: 'packages/dsl',
    inputs: ['src', 'langium-config.json', 'syntaxes'],
    needs: ['@parity/engine'],
  },
  {
    name: '@parity/lsp',
    dir: 'packages/lsp',
    inputs: ['src', 'scripts', 'playground', 'vscode', '../../contracts'],
    needs: ['@parity/engine', '@parity/dsl'],
  },
  {
    name: '@parity/api',
    dir: 'packages/api',
    inputs: ['src', 'drizzle'],
    needs: ['@parity/engine', '@parity/dsl', '@parity/lsp'],
  },
  {
    name: '@parity/cli',
    dir: 'packages/cli',
    inputs: ['src', 'bin'],
    needs: ['@parity/engine', '@parity/dsl', '@parity/lsp', '@parity/api'],
  },
];

/** Every package's build also reads these. */
const COMMON_INPUTS = ['package.json', 'tsconfig.json'];
const SHARED_INPUTS = ['tsconfig.base.json', 'pnpm-lock.yaml'];

/** Folders that builds write or tests read, never build inputs. */
const SKIPPED = new Set(['out', 'dist', 'node_modules', 'test', 'library', 'generated']);

function listFiles(path, into) {
  if (!existsSync(path)) return into;
  const stat = statSync(path);
  if (stat.isFile()) {
    into.push(`${relative(ROOT, path)}\t${stat.size}\t${Math.trunc(stat.mtimeMs)}`);
    return into;
  }
  for (const entry of readdirSync(path, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (entry.name.startsWith('.') || (entry.isDirectory() && SKIPPED.has(entry.name))) continue;
    listFiles(join(path, entry.name), into);
  }
  return into;
}

function fingerprint(pkg) {
  const files = [];
  for (const input of [...pkg.inputs, ...COMMON_INPUTS]) listFiles(join(ROOT, pkg.dir, input), files);
  for (const input of SHARED_INPUTS) listFiles(join(ROOT, input), files);
  return createHash('sha256').update(files.join('\n')).digest('hex');
}

function stampOf(pkg) {
  return join(ROOT, pkg.dir, 'out', '.inputs');
}

function build(pkg) {
  // Under `pnpm start`, npm_execpath is the pnpm that runs us; otherwise the pinned one via npx.
  const pnpm = process.env.npm_execpath?.includes('pnpm')
    ? [process.execPath, process.env.npm_execpath]
    : ['npx', '--yes', 'pnpm@10.34.9'];
  const [command, ...args] = pnpm;
  const run = spawnSync(command, [...args, '--filter', pkg.name, 'run', 'build'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  if (run.status !== 0) {
    process.stderr.write(`Building ${pkg.name} failed; the service was not started.\n`);
    process.exit(run.status ?? 1);
  }
}

const rebuilt = new Set();
const started = performance.now();
for (const pkg of PACKAGES) {
  const stamp = stampOf(pkg);
  const current = existsSync(stamp) && readFileSync(stamp, 'utf8') === fingerprint(pkg);
  if (current && !pkg.needs.some((name) => rebuilt.has(name))) continue;
  process.stderr.write(
    `Building ${pkg.name} (${current ? 'a package it uses changed' : 'its sources changed'})…\n`,
  );
  build(pkg);
  // Taken after the build, since some builds write files beside their sources (a grammar, an icon).
  writeFileSync(stamp, fingerprint(pkg));
  rebuilt.add(pkg.name);
}
if (rebuilt.size === 0) process.stderr.write('Nothing changed since the last build.\n');
else process.stderr.write(`Built in ${Math.round((performance.now() - started) / 1000)} s.\n`);

process.argv.splice(2, Number.POSITIVE_INFINITY, 'serve', ...process.argv.slice(2));
await import(pathToFileURL(join(ROOT, 'packages/cli/bin/parity.js')).href);
