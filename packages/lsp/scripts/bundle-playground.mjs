// Bundles the browser playground into out/playground: the page (Monaco and the language client),
// Monaco's editor worker, and the Parity language server as a web worker, each an ES module for the
// browser. The contract library (contracts/**/*.parity) and the keywords of the dsl's TextMate
// grammar are embedded as generated modules, so the playground needs no file system.
import { copyFile, mkdir, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const lspDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const repoDir = join(lspDir, '../..');
const sourceDir = join(lspDir, 'playground');
const outDir = join(lspDir, 'out/playground');
// Built beside the old one and swapped in at the end, so a running service never serves half a build.
const buildDir = `${outDir}.next`;
const started = performance.now();

/** Every .parity file under contracts/, path relative to it, in a stable order. */
async function readLibrary(root) {
  const files = [];
  const walk = async (directory) => {
    const entries = (await readdir(directory, { withFileTypes: true })).sort((a, b) =>
      a.name.localeCompare(b.name),
    );
    for (const entry of entries) {
      const path = join(directory, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (entry.name.endsWith('.parity')) {
        files.push({ path: relative(root, path).replaceAll('\\', '/'), text: await readFile(path, 'utf8') });
      }
    }
  };
  await walk(root);
  return files;
}

/** The keywords of the generated TextMate grammar's keyword rule, longest first. */
async function readKeywords() {
  const grammar = JSON.parse(
    await readFile(join(repoDir, 'packages/dsl/syntaxes/parity.tmLanguage.json'), 'utf8'),
  );
  const rule = grammar.patterns.find((pattern) => pattern.name?.startsWith('keyword.'));
  const alternatives = /\\b\((.*)\)\\b/.exec(rule?.match ?? '')?.[1];
  if (!alternatives) throw new Error('No keyword rule in parity.tmLanguage.json: build @parity/dsl first.');
  return alternatives.split('|').sort((a, b) => b.length - a.length || a.localeCompare(b));
}

/** Serves `parity:library` and `parity:keywords` from what was read above. */
function generatedModules(modules) {
  return {
    name: 'parity-generated-modules',
    setup(build) {
      build.onResolve({ filter: /^parity:/ }, (args) => ({ path: args.path, namespace: 'parity' }));
      build.onLoad({ filter: /.*/, namespace: 'parity' }, (args) => ({
        contents: modules[args.path],
        loader: 'js',
      }));
    },
  };
}

/**
 * Monaco's own stylesheets are imported by its modules and registered at run time as strings: load
 * them as text, with the fonts they name (the codicon icons) inlined as data URLs.
 */
const monacoStylesheets = {
  name: 'monaco-stylesheets',
  setup(build) {
    build.onLoad({ filter: /\.css$/ }, async (args) => {
      let css = await readFile(args.path, 'utf8');
      for (const [whole, file] of css.matchAll(/url\(["']?(\.[^"')]+\.ttf)["']?\)/g)) {
        const font = await readFile(join(dirname(args.path), file));
        css = css.replace(whole, `url("data:font/ttf;base64,${font.toString('base64')}")`);
      }
      return { contents: css, loader: 'text' };
    });
  },
};

const [library, keywords] = await Promise.all([readLibrary(join(repoDir, 'contracts')), readKeywords()]);
await rm(buildDir, { recursive: true, force: true });
await mkdir(buildDir, { recursive: true });

const result = await esbuild.build({
  entryPoints: {
    worker: join(sourceDir, 'worker.ts'),
    main: join(sourceDir, 'main.ts'),
    'editor.worker': fileURLToPath(
      import.meta.resolve('@codingame/monaco-vscode-editor-api/esm/vs/editor/editor.worker.js'),
    ),
  },
  absWorkingDir: lspDir,
  outdir: buildDir,
  bundle: true,
  format: 'esm',
  // Monaco's services load on demand: the ones classic mode never asks for are never fetched.
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  platform: 'browser',
  target: 'es2022',
  minify: true,
  legalComments: 'none',
  metafile: true,
  logLevel: 'warning',
  plugins: [
    generatedModules({
      'parity:library': `export const library = ${JSON.stringify(library)};`,
      'parity:keywords': `export const keywords = ${JSON.stringify(keywords)};`,
    }),
    monacoStylesheets,
  ],
});

// Everything must run in a browser: no Node built-in may have been imported, left external or
// silently replaced by an empty module.
const nodeBuiltins = new Set([...builtinModules, ...builtinModules.map((name) => `node:${name}`)]);
const fromNode = [
  ...Object.keys(result.metafile.inputs).filter((path) => path.startsWith('(disabled):')),
  ...Object.values(result.metafile.inputs)
    .flatMap((input) => input.imports)
    .filter((imported) => imported.external || nodeBuiltins.has(imported.path))
    .map((imported) => imported.path),
];
if (fromNode.length > 0)
  throw new Error(`The playground bundles import Node modules: ${fromNode.join(', ')}`);

for (const file of ['index.html', 'playground.css'])
  await copyFile(join(sourceDir, file), join(buildDir, file));
await rm(outDir, { recursive: true, force: true });
await rename(buildDir, outDir);

const sizes = await Promise.all(
  ['main.js', 'worker.js', 'editor.worker.js'].map(
    async (file) => `${file} ${((await stat(join(outDir, file))).size / 1024).toFixed(0)} KB`,
  ),
);
console.log(
  `playground: ${library.length} library files; ${sizes.join(', ')}; in ${((performance.now() - started) / 1000).toFixed(1)} s`,
);
