import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { InitializeResult } from 'vscode-languageserver-protocol';
import { LspClient } from './lsp-client.js';

/** How the language server names itself, and the codes on its diagnostics, over stdio. */

const MANIFEST = JSON.parse(
  readFileSync(join(import.meta.dirname, '../../packages/lsp/package.json'), 'utf8'),
) as { version: string };

const CONTRACT = `package local.contract
import "nhs/organisations"

contract Block "Block contract" {
  arrangement block
  year 2026/27
  commissioner BradfordPlac
  provider BradfordDistrictCare
  value £1,000
  instalments monthly
}
`;

let client: LspClient;
let initialized: InitializeResult;

beforeAll(async () => {
  client = new LspClient(mkdtempSync(join(tmpdir(), 'parity-lsp-')));
  initialized = await client.initialize();
}, 60_000);

afterAll(async () => {
  await client?.close();
});

test("answers initialize with its name and its package's version", () => {
  expect(initialized.serverInfo).toEqual({ name: 'parity-lsp', version: MANIFEST.version });
});

test('gives a reference that names nothing the code linking-error, and every other diagnostic a code', async () => {
  const published = client.diagnosticsFor('block.parity', (d) => d.length > 0);
  await client.open('block.parity', CONTRACT);
  const diagnostics = await published;
  const unresolved = diagnostics.find((d) => String(d.message).includes("named 'BradfordPlac'"));
  expect(unresolved).toMatchObject({
    code: 'linking-error',
    severity: 1,
    range: { start: { line: 6, character: 15 } },
  });
  expect(diagnostics.filter((d) => d.code === undefined)).toEqual([]);
});

test('gives a syntax error the code parsing-error', async () => {
  const published = client.diagnosticsFor('broken.parity', (d) => d.length > 0);
  await client.open('broken.parity', CONTRACT.replace('value £1,000', 'value'));
  const diagnostics = await published;
  expect(diagnostics.map((d) => d.code)).toContain('parsing-error');
  expect(diagnostics.filter((d) => d.code === undefined)).toEqual([]);
});
