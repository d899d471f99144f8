import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createParityLspServices } from '@parity/lsp';
import { DocumentState, EmptyFileSystem, TextDocument, URI } from 'langium';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol';
import { generateLibraryContract } from '../../bench/generate-contract.mjs';
import { FuzzServer } from './fuzz-server.js';

/*
 * Regressions found by the fuzz test (fuzz.test.ts): documents opened, edited and closed in ways
 * editors do, which took the server down or left it silent.
 */

let server: FuzzServer;

beforeAll(async () => {
  server = new FuzzServer(mkdtempSync(join(tmpdir(), 'parity-lifecycle-')));
  await server.initialize();
}, 60_000);

afterAll(async () => {
  await server?.stop();
});

const CONTRACT = `package draft
import "nhs/organisations"

contract Draft "Draft contract" {
  arrangement cquin
  year 2026/27
  commissioner BradfordPlace
  provider BradfordDistrictCare
  value £1,000,000
}
`;

describe('documents an editor opens and closes', () => {
  test('a new file closed without being saved leaves the workspace, and the server keeps running', async () => {
    // A long document first, so that rebuilding it yields to the next message before the new file
    // is read: the new file is closed by then, and must not be looked for on disk.
    const long = server.uri('long.parity');
    const longText = generateLibraryContract(2000);
    let seen = server.publications(long);
    await server.open(long, longText);
    await server.publishedAfter(long, seen, 30_000);
    const unsaved = server.uri('unsaved.parity');
    await server.open(unsaved, CONTRACT);
    seen = server.publications(long);
    await server.change(long, [{ text: longText.replace('Generated measure 1"', 'Generated measure 1 "') }]);
    await server.change(unsaved, [{ text: CONTRACT.replace('Draft contract', 'Draft') }]);
    await server.close(unsaved);
    await server.publishedAfter(long, seen, 30_000);
    seen = server.publications(long);
    await server.change(long, [{ text: longText }]);
    await server.publishedAfter(long, seen, 30_000);
    expect(server.problems()).toEqual([]);
    expect(server.alive).toBe(true);
    // Its declarations went with it: another document may declare the same contract.
    const again = server.uri('again.parity');
    const published = server.publications(again);
    await server.open(again, CONTRACT);
    await server.publishedAfter(again, published, 20_000);
    expect(server.diagnostics(again).filter((d) => String(d.message).includes('also declared'))).toEqual([]);
  }, 60_000);

  test('offers quick fixes in a document whose import is still being typed', async () => {
    const uri = server.uri('typing-import.parity');
    const seen = server.publications(uri);
    await server.open(uri, CONTRACT.replace('import "nhs/organisations"', 'import'));
    await server.publishedAfter(uri, seen, 20_000);
    const diagnostics: Diagnostic[] = server.diagnostics(uri);
    expect(diagnostics.some((d) => (d.data as { code?: string } | undefined)?.code === 'linking-error')).toBe(
      true,
    );
    const whole = { start: { line: 0, character: 0 }, end: { line: 20, character: 0 } };
    const actions = await server.request<CodeAction[]>(
      'textDocument/codeAction',
      { textDocument: { uri }, range: whole, context: { diagnostics } },
      10_000,
    );
    expect(actions?.map((a) => a.title)).toContain('Import "nhs/organisations"');
    expect(server.problems()).toEqual([]);
  });
});

describe('quick fixes', () => {
  test('are answered promptly for a selection holding thousands of diagnostics', async () => {
    const uri = server.uri('many-misspellings.parity');
    const contracts = Array.from(
      { length: 2_000 },
      (_, i) => `contract C${i} "Contract ${i}" {\n  commissioner BradfordPlac\n}\n`,
    );
    const seen = server.publications(uri);
    await server.open(uri, `package many\nimport "nhs/organisations"\n\n${contracts.join('\n')}`);
    await server.publishedAfter(uri, seen, 30_000);
    const diagnostics: Diagnostic[] = server.diagnostics(uri);
    expect(diagnostics.length).toBeGreaterThan(2_000);
    const whole = { start: { line: 0, character: 0 }, end: { line: 10_000, character: 0 } };
    const started = performance.now();
    const actions = await server.request<CodeAction[]>(
      'textDocument/codeAction',
      { textDocument: { uri }, range: whole, context: { diagnostics } },
      10_000,
    );
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(actions?.map((a) => a.title)).toContain("Change to 'BradfordPlace'");
    expect(server.problems()).toEqual([]);
  }, 60_000);
});

describe('the document builder', () => {
  test('announces a validated document even when a newer edit cancels the build at that moment', async () => {
    const { shared } = createParityLspServices({ ...EmptyFileSystem });
    const { DocumentBuilder: builder, WorkspaceLock: lock, TextDocuments: texts } = shared.workspace;
    const [first, second] = ['first', 'second'].map((name) => URI.parse(`memory:///${name}.parity`)) as [
      URI,
      URI,
    ];
    for (const uri of [first, second]) {
      texts?.set(TextDocument.create(uri.toString(), 'parity', 1, `package ${uri.path.slice(1, -7)}\n`));
    }
    let newerEdit: Promise<void> | undefined;
    // An edit to another document arrives just as the first document is validated…
    builder.onDocumentPhase(DocumentState.Validated, (document) => {
      if (document.uri.toString() === first.toString() && !newerEdit) {
        newerEdit = lock.write((token) => builder.update([second], [], token));
      }
    });
    // …and the diagnostics of the first must still be published.
    const announced: string[] = [];
    builder.onDocumentPhase(DocumentState.Validated, (document) => {
      announced.push(document.uri.toString());
    });
    await lock.write((token) => builder.update([first, second], [], token));
    await newerEdit;
    expect(announced).toContain(first.toString());
    expect(announced).toContain(second.toString());
  });
});
