// Builds the VS Code extension in packages/lsp/vscode, ready for `vsce package`:
//   out/extension.cjs   the client, which starts the server and talks to it over IPC
//   out/server.cjs      the language server, one CommonJS file with Langium and the engine inside
//   library/            the shared contract library (contracts/nhs), built into the server
//   syntaxes/           the TextMate grammar, from the Langium grammar's keywords
//   icon.png            the marketplace icon
// Everything written here is git-ignored; the manifest, snippets and file icons are kept in git.

import { cpSync, existsSync, mkdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { build } from 'esbuild';
import { parityIconPng } from './vscode/png-icon.mjs';
import { parityTextMateGrammar } from './vscode/textmate-grammar.mjs';

const lsp = join(import.meta.dirname, '..');
const extension = join(lsp, 'vscode');
const library = join(lsp, '../../contracts/nhs');

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  external: ['vscode'],
  tsconfig: join(extension, 'tsconfig.json'),
  // The sources are ES modules; in the CommonJS bundle their own folder is `__dirname`.
  define: { 'import.meta.dirname': '__dirname' },
  logLevel: 'warning',
  legalComments: 'none',
};

// Each output is written beside its place and then renamed into it, so a server started from
// this folder (by a test or an editor) while the build runs never finds a file missing or half
// written.
const staging = join(extension, `.staging-${process.pid}`);

async function bundleVscodeExtension() {
  rmSync(staging, { recursive: true, force: true });
  await Promise.all([
    build({
      ...common,
      entryPoints: [join(extension, 'src/extension.ts')],
      outfile: join(staging, 'extension.cjs'),
    }),
    build({
      ...common,
      entryPoints: [join(extension, 'src/server.ts')],
      outfile: join(staging, 'server.cjs'),
    }),
  ]);
  cpSync(library, join(staging, 'library'), {
    recursive: true,
    filter: (path) => path.endsWith('.parity') || statSync(path).isDirectory(),
  });
  writeFileSync(
    join(staging, 'parity.tmLanguage.json'),
    `${JSON.stringify(parityTextMateGrammar(), null, 2)}\n`,
  );
  writeFileSync(join(staging, 'icon.png'), parityIconPng());

  place('extension.cjs', 'out/extension.cjs');
  place('server.cjs', 'out/server.cjs');
  place('parity.tmLanguage.json', 'syntaxes/parity.tmLanguage.json');
  place('icon.png', 'icon.png');
  const previousLibrary = join(staging, 'previous-library');
  if (existsSync(join(extension, 'library'))) renameSync(join(extension, 'library'), previousLibrary);
  place('library', 'library');
  rmSync(staging, { recursive: true, force: true });
}

function place(staged, target) {
  mkdirSync(dirname(join(extension, target)), { recursive: true });
  renameSync(join(staging, staged), join(extension, target));
}

await bundleVscodeExtension();
