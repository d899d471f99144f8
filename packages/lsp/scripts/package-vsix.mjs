// Packages the VS Code extension in packages/lsp/vscode as parity-<version>.vsix, offline.
//
//   node scripts/package-vsix.mjs [--out <dir>]     (default: the repository root)
//
// Packages what scripts/bundle-vscode.mjs wrote; `pnpm run package` runs both. vsce runs with
// --no-dependencies: the bundles hold everything the extension needs, and pnpm's node_modules
// layout is not one vsce can read.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const lsp = join(import.meta.dirname, '..');
const extension = join(lsp, 'vscode');
const { values } = parseArgs({ options: { out: { type: 'string' } } });
const outDir = resolve(values.out ?? join(lsp, '../..'));

if (!existsSync(join(extension, 'out/server.cjs')) || !existsSync(join(extension, 'library'))) {
  console.error('The extension is not bundled yet: run `node scripts/bundle-vscode.mjs` first.');
  process.exit(1);
}

const { version } = JSON.parse(readFileSync(join(extension, 'package.json'), 'utf8'));
const vsix = join(outDir, `parity-${version}.vsix`);
mkdirSync(outDir, { recursive: true });

const require = createRequire(import.meta.url);
const vscePackage = require.resolve('@vscode/vsce/package.json');
const vsce = join(dirname(vscePackage), JSON.parse(readFileSync(vscePackage, 'utf8')).bin.vsce);
const result = spawnSync(process.execPath, [vsce, 'package', '--no-dependencies', '--out', vsix], {
  cwd: extension,
  stdio: 'inherit',
});
process.exitCode = result.status ?? 1;
