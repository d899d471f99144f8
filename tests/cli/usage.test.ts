import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { runParity } from './run-parity.js';

/** A command used wrongly says so in one line and exits 2, never with a stack trace. */
describe('the parity command used wrongly', () => {
  test('prints its version', async () => {
    const run = await runParity(['--version']);
    expect(run.stdout).toMatch(/^parity [0-9]+\.[0-9]+\.[0-9]+\n$/);
    expect(run.code).toBe(0);
  });

  test('names a path that does not exist', async () => {
    const run = await runParity(['check', 'nope.parity']);
    expect(run.stderr).toBe('parity check: no such file or directory: nope.parity\n');
    expect(run.code).toBe(2);
  });

  test('refuses an option the command does not take, naming those it does', async () => {
    const check = await runParity(['check', 'contracts', '--bogus', 'x']);
    expect(check.stderr).toBe("parity check: unknown option '--bogus'; it takes --lib\n");
    expect(check.code).toBe(2);
    const compile = await runParity(['compile', 'contracts/demo/hull-mus-pilot.parity', '--format', 'json']);
    expect(compile.stderr).toBe("parity compile: unknown option '--format'; it takes --lib, --contract\n");
    expect(compile.code).toBe(2);
  });

  test('refuses an option without its value', async () => {
    const run = await runParity(['check', 'contracts', '--lib']);
    expect(run.stderr).toBe("parity check: option '--lib' needs a value\n");
    expect(run.code).toBe(2);
  });

  test('names the role that is not one before opening any database', async () => {
    const run = await runParity(['token', 'create', '--org', 'QWO', '--role', 'accountant'], tmpdir());
    expect(run.stderr).toBe(
      "parity token: 'accountant' is not a role; the roles are commissioner, provider, finance, auditor, admin\n",
    );
    expect(run.code).toBe(2);
  });

  test('names a setting of the service that is not one', async () => {
    const run = await runParity(['serve'], tmpdir(), { PORT: 'abc' });
    expect(run.stderr).toMatch(/^parity serve: Configuration is not valid: PORT: .+\n$/);
    expect(run.code).toBe(2);
  });

  test('does not format a file that does not parse, and says where it stops', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'parity-fmt-'));
    const file = join(folder, 'broken.parity');
    writeFileSync(file, 'package x\ncontract C "c" {\n  year   2026/27\n');
    const run = await runParity(['fmt', file], folder);
    expect(run.stderr).toBe(
      "broken.parity:3:17 error Expecting token of type '}' but found ``; not formatted\n",
    );
    expect(run.code).toBe(1);
  });
});
