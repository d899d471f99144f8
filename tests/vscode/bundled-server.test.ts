import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { LspClient } from '../lsp/lsp-client.js';

const { SERVER, started } = vi.hoisted(() => ({
  SERVER: new URL('../../packages/lsp/vscode/out/server.cjs', import.meta.url).pathname,
  started: [] as string[][],
}));

// The shared client starts `parity lsp --stdio`; here the same client talks to the server bundle
// the extension ships instead, started as an editor outside VS Code would: `node server.cjs --stdio`.
vi.mock('node:child_process', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:child_process')>();
  const spawn = ((command: string, args: string[], options: object) => {
    const serverArgs = args.at(-2) === 'lsp' ? [SERVER, '--stdio'] : args;
    started.push(serverArgs);
    return actual.spawn(command, serverArgs, options);
  }) as typeof actual.spawn;
  return { ...actual, spawn };
});

const CONTRACT = `package local.cquin
import "nhs/organisations"
import "nhs/measures/smi"

contract SmiCquin "SMI physical health CQUIN" {
  arrangement cquin
  year 2026/27
  commissioner BradfordPlace
  provider BradfordDistrictCare
  value £84,000,000

  cquin SmiPhysicalHealth "Physical health of people with SMI" worth 1.25% of value {
    assessed quarterly
    indicator SixChecks "All six health checks" weight 100% {
      measure smi.SixChecksComplete
      linear from 40% to 60%
    }
  }
}
`;

let client: LspClient;
let root: string;

beforeAll(async () => {
  expect(existsSync(SERVER), `${SERVER} is built by \`pnpm --filter @parity/lsp build\``).toBe(true);
  root = mkdtempSync(join(tmpdir(), 'parity-vscode-'));
  writeFileSync(join(root, 'cquin.parity'), CONTRACT);
  client = new LspClient(root);
  await client.initialize();
}, 60_000);

afterAll(async () => {
  await client?.close();
  rmSync(root, { recursive: true, force: true });
});

describe('the bundled language server (out/server.cjs)', () => {
  test('answers initialize and resolves the built-in library: a correct contract has no errors', async () => {
    expect(started).toEqual([[SERVER, '--stdio']]);
    const published = client.diagnosticsFor('cquin.parity');
    await client.open('cquin.parity', CONTRACT);
    const errors = (await published).filter((d) => d.severity === 1);
    expect(errors).toEqual([]);
  });

  test('publishes diagnostics for a contract with a mistake', async () => {
    const mistaken = CONTRACT.replace('provider BradfordDistrictCare', 'provider BradfordDistrictCar');
    const published = client.diagnosticsFor('cquin.parity', (d) => d.some((x) => x.severity === 1));
    await client.change('cquin.parity', mistaken, 2);
    const errors = (await published).filter((d) => d.severity === 1);
    expect(errors.map((e) => e.message).join('\n')).toContain('BradfordDistrictCar');
    expect(errors[0]?.range.start.line).toBe(8);
  });
});
