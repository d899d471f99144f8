import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { LspClient } from './lsp-client.js';

// A workspace holding its own copy of the shared library, as when the repository itself is opened:
// the server's built-in copy must stand aside, or every organisation would be declared twice.
const CONTRACTS = join(import.meta.dirname, '../../contracts');
const DEMO = 'contracts/demo/bradford-smi-cquin.parity';
let client: LspClient;

beforeAll(async () => {
  const root = mkdtempSync(join(tmpdir(), 'parity-workspace-library-'));
  cpSync(join(CONTRACTS, 'nhs'), join(root, 'contracts/nhs'), { recursive: true });
  cpSync(join(CONTRACTS, 'demo/bradford-smi-cquin.parity'), join(root, DEMO));
  client = new LspClient(root);
  await client.initialize();
});
afterAll(() => client.close());

test("a workspace's own copy of the library is used instead of the built-in one, with no duplicates", async () => {
  const organisations = 'contracts/nhs/organisations.parity';
  await client.open(organisations, readFileSync(join(CONTRACTS, 'nhs/organisations.parity'), 'utf8'));
  expect(await client.diagnosticsFor(organisations)).toEqual([]);
  await client.open(DEMO, readFileSync(join(CONTRACTS, 'demo/bradford-smi-cquin.parity'), 'utf8'));
  expect(await client.diagnosticsFor(DEMO)).toEqual([]);
});
