// Packages the VS Code extension in packages/lsp/vscode as parity-<version>.vsix, offline.
//
//   node scripts/package-vsix.mjs [--out <dir>]     (default: the repository root)
//
// Bundles the extension first when its bundles are missing (they need `tsc` to have run in the
// workspace packages it imports). vsce runs with --no-dependencies: the bundles hold everything
// the extension needs, and pnpm's node_modules layout is not one vsce can read.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const lsp = join(import.meta.dirname, '..');
const extension = join(lsp, 'vscode');
const { values } = parseArgs({ options: { out: { type: 'string' } } });
const outDir = resolve(values.out ?? join(lsp, '../..'));

function run(args, cwd) {
  const result = spawnSync(process.execPath, args, { cwd, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

if (!existsSync(join(extension, 'out/server.cjs')) || !existsSync(join(extension, 'library'))) {
  run([join(import.meta.dirname, 'bundle-vscode.mjs')], lsp);
}

const { version } = JSON.parse(readFileSync(join(extension, 'package.json'), 'utf8'));
const vsix = join(outDir, `parity-${version}.vsix`);
mkdirSync(outDir, { recursive: true });

const require = createRequire(import.meta.url);
const vscePackage = require.resolve('@vscode/vsce/package.json');
const vsce = join(dirname(vscePackage), JSON.parse(readFileSync(vscePackage, 'utf8')).bin.vsce);
run([vsce, 'package', '--no-dependencies', '--out', vsix], extension);
