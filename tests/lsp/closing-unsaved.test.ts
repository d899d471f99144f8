import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { LspClient } from './lsp-client.js';

// An author edits a saved contract, then closes it without saving: the file on disk stands again.
const DEMO = readFileSync(
  join(import.meta.dirname, '../../contracts/demo/bradford-smi-cquin.parity'),
  'utf8',
);
let root: string;
let client: LspClient;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'parity-closing-'));
  writeFileSync(join(root, 'cquin.parity'), DEMO);
  client = new LspClient(root);
  await client.initialize();
});
afterAll(async () => {
  await client.close();
  rmSync(root, { recursive: true, force: true });
});

test('closing an edited file without saving brings back the saved text and its diagnostics', async () => {
  await client.open('cquin.parity', DEMO.replace('weight 50%', 'weight 55%'));
  expect((await client.diagnosticsFor('cquin.parity', (d) => d.length > 0)).map((d) => d.code)).toContain(
    'weights-not-100',
  );
  const cleared = client.diagnosticsFor('cquin.parity', (d) => d.length === 0);
  await client.connection.sendNotification('textDocument/didClose', {
    textDocument: { uri: client.uri('cquin.parity') },
  });
  expect(await cleared).toEqual([]);
});
