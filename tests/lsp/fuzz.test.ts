import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Position, TextDocumentContentChangeEvent } from 'vscode-languageserver-protocol';
import { applySplice, mutate, type Splice } from './contract-mutations.js';
import { FuzzServer } from './fuzz-server.js';
import { fuzzSeed, SeededRandom } from './seeded-random.js';

/*
 * Malformed input of any kind must never crash or hang the language server. Thousands of mutants
 * of the real contracts are fed to the stdio server, as edits and as opened files; after each batch
 * the server must have published diagnostics for every document's latest text, answer requests
 * within a timeout, be alive, and have written no crash output.
 *
 * The mutants come from a seeded generator. A failure prints its seed; replay it with
 *   PARITY_FUZZ_SEED=<seed> npx vitest run tests/lsp/fuzz.test.ts
 * The documents of a failing batch are also written to tests/artefacts/fuzz-<seed>/.
 */

const ROOT = join(import.meta.dirname, '../..');
const SEED = fuzzSeed();
const SLOTS = 10;
const BATCHES = 210; // SLOTS × BATCHES = 2,100 mutated documents
const LARGEST = 60_000; // a document grown past this many characters starts again from a real contract
const PUBLISH_TIMEOUT = 20_000;
const REQUEST_TIMEOUT = 10_000;

function listParity(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const path = join(directory, name);
    if (statSync(path).isDirectory()) return listParity(path);
    return name.endsWith('.parity') ? [path] : [];
  });
}

const corpus = listParity(join(ROOT, 'contracts')).map((path) => readFileSync(path, 'utf8'));

/** Where an offset falls, counting lines as the protocol does (`\r\n`, `\r` or `\n` end a line). */
function positionAt(text: string, offset: number): Position {
  let line = 0;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    const char = text[i];
    if (char === '\n' || (char === '\r' && text[i + 1] !== '\n')) {
      line++;
      lineStart = i + 1;
    } else if (char === '\r') {
      // `\r\n`: the line ends after the `\n`.
      if (i + 1 < offset) {
        i++;
        line++;
        lineStart = i + 1;
      }
    }
  }
  return { line, character: offset - lineStart };
}

/**
 * The protocol changes for a sequence of splices. Incremental while no carriage return makes the
 * line arithmetic ambiguous (an offset between `\r` and `\n`), otherwise the whole text.
 */
function contentChanges(
  before: string,
  splices: Splice[],
): { text: string; changes: TextDocumentContentChangeEvent[] } {
  let text = before;
  const changes: TextDocumentContentChangeEvent[] = [];
  let incremental = true;
  for (const splice of splices) {
    if (text.includes('\r') || splice.insert.includes('\r')) incremental = false;
    if (incremental) {
      changes.push({
        range: {
          start: positionAt(text, splice.offset),
          end: positionAt(text, splice.offset + splice.remove),
        },
        text: splice.insert,
      });
    }
    text = applySplice(text, splice);
  }
  return { text, changes: incremental ? changes : [{ text }] };
}

let server: FuzzServer;
let root: string;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'parity-fuzz-'));
  console.info(`fuzzing the language server with seed ${SEED} (replay with PARITY_FUZZ_SEED=${SEED})`);
  server = new FuzzServer(root);
  await server.initialize();
}, 60_000);

afterAll(async () => {
  await server?.stop();
});

/** Saves the documents of a failing batch, to look at or to open in an editor. */
function saveDocuments(documents: Map<string, string>): string {
  const directory = join(ROOT, 'tests/artefacts', `fuzz-${SEED}`);
  mkdirSync(directory, { recursive: true });
  for (const [uri, text] of documents)
    writeFileSync(join(directory, uri.split('/').at(-1) ?? 'doc.parity'), text);
  return directory;
}

/** Fails with the seed, and saves the documents, when the server shows any sign of a crash. */
function expectHealthy(where: string, documents: Map<string, string>): void {
  const problems = server.problems();
  if (server.alive && problems.length === 0) return;
  throw new Error(
    `language server unhealthy ${where} (seed ${SEED}; replay with PARITY_FUZZ_SEED=${SEED}; documents in ${saveDocuments(documents)}):\n${problems.join('\n')}${server.alive ? '' : '\nserver process is not running'}`,
  );
}

/** Asks the questions an editor asks of a document, each of which must be answered in time. */
async function probe(uri: string, text: string, random: SeededRandom, thorough: boolean): Promise<void> {
  const textDocument = { uri };
  const position = positionAt(text, random.below(text.length + 1));
  const whole = { start: { line: 0, character: 0 }, end: positionAt(text, text.length) };
  await server.request('textDocument/documentSymbol', { textDocument }, REQUEST_TIMEOUT);
  await server.request('textDocument/hover', { textDocument, position }, REQUEST_TIMEOUT);
  await server.request('textDocument/completion', { textDocument, position }, REQUEST_TIMEOUT);
  if (!thorough) return;
  await server.request('textDocument/definition', { textDocument, position }, REQUEST_TIMEOUT);
  await server.request(
    'textDocument/references',
    { textDocument, position, context: { includeDeclaration: true } },
    REQUEST_TIMEOUT,
  );
  await server.request('textDocument/foldingRange', { textDocument }, REQUEST_TIMEOUT);
  await server.request('textDocument/semanticTokens/full', { textDocument }, REQUEST_TIMEOUT);
  await server.request('textDocument/inlayHint', { textDocument, range: whole }, REQUEST_TIMEOUT);
  await server.request('textDocument/codeLens', { textDocument }, REQUEST_TIMEOUT);
  await server.request(
    'textDocument/codeAction',
    { textDocument, range: whole, context: { diagnostics: server.diagnostics(uri) } },
    REQUEST_TIMEOUT,
  );
  await server.request(
    'textDocument/formatting',
    { textDocument, options: { tabSize: 2, insertSpaces: true } },
    REQUEST_TIMEOUT,
  );
}

const SENTINEL = `package fuzz.sentinel

aggregate return SentinelReturn "Sentinel return" {
  rows are events
  source "Written by the fuzz test"
}
`;

/**
 * A document toggled between a clean and a broken text: its diagnostics must follow its latest
 * text, which shows the server is still checking what it is sent (not stale or stuck).
 */
async function checkSentinel(round: number): Promise<void> {
  const uri = server.uri('sentinel.parity');
  const broken = round % 2 === 1;
  const seen = server.publications(uri);
  const text = broken ? SENTINEL.replace('}\n', '') : SENTINEL;
  if (round === 0) await server.open(uri, text);
  else await server.change(uri, [{ text }]);
  await server.publishedAfter(uri, seen, PUBLISH_TIMEOUT);
  const errors = server.diagnostics(uri).filter((d) => d.severity === 1);
  if (broken)
    expect(errors.length, `seed ${SEED}: the broken sentinel should have an error`).toBeGreaterThan(0);
  else expect(errors, `seed ${SEED}: the clean sentinel should have no errors`).toEqual([]);
}

describe(`the language server under malformed input (seed ${SEED})`, () => {
  test(`survives ${SLOTS * BATCHES} mutated contracts`, async () => {
    const random = new SeededRandom(SEED);
    const documents = new Map<string, string>();
    const slots: string[] = [];
    for (let slot = 0; slot < SLOTS; slot++) {
      const uri = server.uri(`slot-${slot}-0.parity`);
      const text = random.pick(corpus);
      slots.push(uri);
      documents.set(uri, text);
      await server.open(uri, text);
    }
    let mutants = 0;
    for (let batch = 0; batch < BATCHES; batch++) {
      const seen = new Map<string, number>();
      const applied: string[] = [];
      for (let slot = 0; slot < SLOTS; slot++) {
        let uri = slots[slot] as string;
        const current = documents.get(uri) ?? '';
        const choice = random.next();
        if (choice < 0.1 || current.length > LARGEST) {
          // A fresh mutant of a real contract, replacing the whole text.
          const base = random.pick(corpus);
          const { splices, names } = mutate(base, random, corpus, 4);
          const mutant = splices.reduce(applySplice, base);
          seen.set(uri, server.publications(uri));
          await server.change(uri, [{ text: mutant }]);
          documents.set(uri, mutant);
          applied.push(`${uri}: fresh ${names.join(', ')}`);
        } else if (choice < 0.15) {
          // Closed, and a mutant opened under a new name.
          await server.close(uri);
          documents.delete(uri);
          uri = server.uri(`slot-${slot}-${batch + 1}.parity`);
          slots[slot] = uri;
          const base = random.pick(corpus);
          const { splices, names } = mutate(base, random, corpus, 4);
          const mutant = splices.reduce(applySplice, base);
          seen.set(uri, server.publications(uri));
          await server.open(uri, mutant);
          documents.set(uri, mutant);
          applied.push(`${uri}: opened ${names.join(', ')}`);
        } else {
          // The document as it stands, edited further.
          const { splices, names } = mutate(current, random, corpus, 3);
          const { text, changes } = contentChanges(current, splices);
          seen.set(uri, server.publications(uri));
          await server.change(uri, changes);
          documents.set(uri, text);
          applied.push(`${uri}: ${names.join(', ')}`);
        }
        mutants++;
      }
      try {
        for (const [uri, count] of seen) await server.publishedAfter(uri, count, PUBLISH_TIMEOUT);
        const uri = random.pick(slots);
        await probe(uri, documents.get(uri) ?? '', random, batch % 10 === 0);
        if (batch % 10 === 0) await checkSentinel(batch / 10);
      } catch (error) {
        expectHealthy(`in batch ${batch}`, documents);
        throw new Error(
          `seed ${SEED}, batch ${batch} (replay with PARITY_FUZZ_SEED=${SEED}; documents in ${saveDocuments(documents)}): ${(error as Error).message}\n${applied.join('\n')}`,
        );
      }
      expectHealthy(`after batch ${batch}:\n${applied.join('\n')}`, documents);
    }
    expect(mutants).toBeGreaterThanOrEqual(2_000);
  }, 180_000);
});

/** Documents no author writes, each of which must be answered in time without a crash. */
const PATHOLOGICAL: Record<string, () => string> = {
  'a 1 MB line of contract text': () => {
    // Comments dropped, or the first would swallow the rest of the line.
    const words = corpus
      .map((text) => text.replace(/\/\/[^\n]*/g, ''))
      .join(' ')
      .split(/\s+/)
      .join(' ');
    return words.repeat(Math.ceil(1_000_000 / words.length)).slice(0, 1_000_000);
  },
  'a 1 MB string on one line': () =>
    `package big\n\norganisation Big "${'x'.repeat(1_000_000)}" ods "X1" sector acute\n`,
  'a 1 MB identifier': () => `package ${'a'.repeat(1_000_000)}`,
  '10,000 nested parentheses': () =>
    (corpus.find((text) => text.includes('denominator ')) ?? '').replace(
      'denominator ',
      `denominator ${'('.repeat(10_000)}x = 1${')'.repeat(10_000)} and `,
    ),
  '10,000 unclosed parentheses': () => `package p\nmeasure M "m" {\n  numerator ${'('.repeat(10_000)}\n}\n`,
  '10,000 nots': () => `package p\nmeasure M "m" {\n  numerator ${'not '.repeat(10_000)}x\n}\n`,
  '10,000 minus signs': () => `package p\nmeasure M "m" {\n  numerator x > ${'-'.repeat(10_000)}1\n}\n`,
  '10,000 chained operators': () =>
    `package p\nmeasure M "m" {\n  numerator x > 1${' + x'.repeat(5_000)}${' or x = 1'.repeat(5_000)}\n}\n`,
  '1,000 nested braces': () =>
    (corpus.find((text) => text.includes('contract ')) ?? '').replace(
      /\{/,
      `{${'{'.repeat(1_000)}${'}'.repeat(1_000)}`,
    ),
  '1,000 unclosed braces': () => `package p\ncontract C "c" ${'{ '.repeat(1_000)}`,
  'random bytes with NUL': () => {
    const random = new SeededRandom(SEED);
    return Array.from({ length: 64_000 }, () => String.fromCharCode(random.below(256))).join('');
  },
  'random UTF-16 code units': () => {
    const random = new SeededRandom(SEED + 1);
    return Array.from({ length: 64_000 }, () => String.fromCharCode(random.below(65_536))).join('');
  },
  'only NUL': () => '\u0000'.repeat(10_000),
  'only contract': () => 'contract',
  empty: () => '',
  'huge numbers everywhere': () =>
    (corpus.find((text) => text.includes('£')) ?? '').replace(/\d[\d,.]*/g, () => '9'.repeat(400)),
  '100,000 lines of newlines and braces': () => '}\n{\n'.repeat(50_000),
};

describe(`the language server on pathological documents (seed ${SEED})`, () => {
  test.each(Object.keys(PATHOLOGICAL))(
    '%s',
    async (name) => {
      const text = (PATHOLOGICAL[name] as () => string)();
      const uri = server.uri(`${name.replace(/\W+/g, '-')}.parity`);
      const documents = new Map([[uri, text]]);
      const seen = server.publications(uri);
      await server.open(uri, text);
      try {
        await server.publishedAfter(uri, seen, 30_000);
        await probe(uri, text, new SeededRandom(SEED), true);
      } catch (error) {
        expectHealthy(`on ${name}`, documents);
        throw new Error(`${name} (seed ${SEED}): ${(error as Error).message}`);
      } finally {
        await server.close(uri);
      }
      expectHealthy(`on ${name}`, documents);
    },
    60_000,
  );
});
