// Builds the VS Code extension in packages/lsp/vscode, ready for `vsce package`:
//   out/extension.cjs   the client, which starts the server and talks to it over IPC
//   out/server.cjs      the language server, one CommonJS file with Langium and the engine inside
//   library/            the shared contract library (contracts/nhs), built into the server
//   syntaxes/           the TextMate grammar, from the Langium grammar's keywords
//   icon.png            the marketplace icon
// Everything written here is git-ignored; the manifest, snippets and file icons are kept in git.

import { cpSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
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

async function bundleVscodeExtension() {
  rmSync(join(extension, 'out'), { recursive: true, force: true });
  await Promise.all([
    build({
      ...common,
      entryPoints: [join(extension, 'src/extension.ts')],
      outfile: join(extension, 'out/extension.cjs'),
    }),
    build({
      ...common,
      entryPoints: [join(extension, 'src/server.ts')],
      outfile: join(extension, 'out/server.cjs'),
    }),
  ]);

  rmSync(join(extension, 'library'), { recursive: true, force: true });
  cpSync(library, join(extension, 'library'), {
    recursive: true,
    filter: (path) => path.endsWith('.parity') || statSync(path).isDirectory(),
  });

  mkdirSync(join(extension, 'syntaxes'), { recursive: true });
  writeFileSync(
    join(extension, 'syntaxes/parity.tmLanguage.json'),
    `${JSON.stringify(parityTextMateGrammar(), null, 2)}\n`,
  );
  writeFileSync(join(extension, 'icon.png'), parityIconPng());
}

await bundleVscodeExtension();
