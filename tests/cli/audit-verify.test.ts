import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@libsql/client';
import { runCli } from '@parity/cli/out/cli.js';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runParity } from './run-parity.js';

/**
 * `parity audit verify` over a database the parity command itself wrote (tokens created and one
 * revoked, each audited), intact and then altered at the database.
 */

const folder = mkdtempSync(join(tmpdir(), 'parity-audit-verify-'));
const url = `file:${join(folder, 'parity.db')}`;
const env = { DATABASE_URL: url };

beforeAll(async () => {
  for (const role of ['commissioner', 'provider', 'finance'])
    expect((await runParity(['token', 'create', '--org', 'RAE', '--role', role], folder, env)).code).toBe(0);
  const created = await runParity(['token', 'create', '--org', 'TAD', '--role', 'provider'], folder, env);
  const id = /Token (tok_\w+)/.exec(created.stdout)?.[1] as string;
  expect((await runParity(['token', 'revoke', '--id', id], folder, env)).code).toBe(0);
}, 60_000);
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** A copy of the database with its append-only triggers dropped, as someone at the database would. */
async function altered(name: string, change: string): Promise<string> {
  const copy = join(folder, `${name}.db`);
  const client = createClient({ url });
  await client.execute(`VACUUM INTO '${copy}'`);
  client.close();
  const tampered = createClient({ url: `file:${copy}` });
  await tampered.executeMultiple(
    `DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete; ${change}`,
  );
  tampered.close();
  return `file:${copy}`;
}

describe('parity audit verify', () => {
  test('an untouched log is intact: exit 0, with its head to keep', async () => {
    const run = await runParity(['audit', 'verify'], folder, env);
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(
      /^The audit log is intact: 5 entries, 5 sealed\.\nhead: entry 5 [0-9a-f]{64}\n$/,
    );
    expect(run.code).toBe(0);
  });

  test('an edited entry, a deleted one and a token given another role are each found: exit 1', async () => {
    const edited = await altered('edited', "UPDATE audit_log SET actor = 'someone else' WHERE id = 2;");
    const run = await runParity(['audit', 'verify', '--database', edited], folder, env);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('The audit log has been altered: 1 problem in 5 entries.');
    expect(run.stdout).toContain('entry 2 does not match its seal');

    const deleted = await altered('deleted', 'DELETE FROM audit_log WHERE id = 3;');
    const gone = await runParity(['audit', 'verify', '--database', deleted, '--format', 'json'], folder, env);
    expect(gone.code).toBe(1);
    const found = JSON.parse(gone.stdout) as { intact: boolean; breaks: { problem: string }[] };
    expect(found.intact).toBe(false);
    expect(found.breaks.map((b) => b.problem)).toContain('entry 3 is missing');

    const promoted = await altered('promoted', "UPDATE tokens SET role = 'admin' WHERE role = 'finance';");
    const raised = await runParity(['audit', 'verify', '--database', promoted], folder, env);
    expect(raised.code).toBe(1);
    expect(raised.stdout).toMatch(/token tok_\w+ is now admin for RAE, but was created finance for RAE/);
    expect(raised.stdout).toContain('has no seal: it was written at the database');
  }, 30_000);

  test('a database that is not there, or not a database, is said in one line: exit 2', async () => {
    const missing = await runParity(
      ['audit', 'verify', '--database', `file:${join(folder, 'nope.db')}`],
      folder,
    );
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe(
      `parity audit: cannot read the audit log at file:${join(folder, 'nope.db')}: there is no database file there\n`,
    );
    const text = join(folder, 'notes.txt');
    writeFileSync(text, 'not a database at all, just some words in a file that goes on for a while');
    const notDb = await runParity(['audit', 'verify', '--database', `file:${text}`], folder);
    expect(notDb.code).toBe(2);
    expect(notDb.stderr).toMatch(/^parity audit: cannot read the audit log at file:.*notes\.txt: .+\n$/);
    const wrong = await runParity(['audit', 'check'], folder);
    expect([wrong.code, wrong.stderr]).toEqual([
      2,
      "parity audit: unknown action 'check'; it takes verify\n",
    ]);
  });
});

test('a fault in parity itself says so in one line with how to report it, exit 70, the trace only on PARITY_DEBUG', async () => {
  const written: string[] = [];
  const output = { stdout: { write: () => true }, stderr: { write: (text: string) => written.push(text) } };
  const faulty = {
    broken: {
      load: async () => async () => {
        throw new TypeError("Cannot read properties of undefined (reading 'sheets')");
      },
    },
  };
  const before = process.env.PARITY_DEBUG;
  delete process.env.PARITY_DEBUG;
  try {
    expect(await runCli(['broken'], output, faulty)).toBe(70);
    expect(written.join('')).toMatch(
      /^parity broken: internal error: Cannot read properties of undefined \(reading 'sheets'\)\nThis is a fault in parity, not in what you gave it\. Run the command again with PARITY_DEBUG=1 and report it to the Parity team with that output and 'parity --version' \([0-9.]+\)\.\n$/,
    );
    written.length = 0;
    process.env.PARITY_DEBUG = '1';
    expect(await runCli(['broken'], output, faulty)).toBe(70);
    expect(written.join('')).toContain('TypeError: Cannot read properties of undefined');
    expect(written.join('')).toContain('    at ');
  } finally {
    if (before === undefined) delete process.env.PARITY_DEBUG;
    else process.env.PARITY_DEBUG = before;
  }
});
