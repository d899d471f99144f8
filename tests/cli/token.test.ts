import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ROOT } from './run-parity.js';

/**
 * `parity token create` and `parity token revoke`, run as built, on the database a running
 * `parity serve` uses: the printed secret is then used against the real service.
 */

const BIN = join(ROOT, 'packages/cli/bin/parity.js');
const folder = mkdtempSync(join(tmpdir(), 'parity-token-'));
const ENV = {
  ...process.env,
  DATABASE_URL: `file:${join(folder, 'x.db')}`,
  PARITY_DEMO: 'false',
  LOG_LEVEL: 'silent',
};

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function parity(args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: ENV });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

async function createToken(org: string, role: string): Promise<{ id: string; secret: string }> {
  const run = await parity([
    'token',
    'create',
    '--org',
    org,
    '--role',
    role,
    '--label',
    'from the command line',
  ]);
  expect(run.code).toBe(0);
  const match = /^Token (tok_[0-9a-f]+) for (\S+) as (\S+):\n(parity_\S+)\n/.exec(run.stdout);
  expect(match?.slice(2, 4)).toEqual([org, role]);
  return { id: match![1]!, secret: match![4]! };
}

let server: ChildProcess;
let url = '';
let admin: { id: string; secret: string };

const get = (path: string, secret: string) =>
  fetch(`${url}${path}`, { headers: { authorization: `Bearer ${secret}` } });

beforeAll(async () => {
  // The command creates and migrates the database before the service starts on it.
  admin = await createToken('QWO', 'admin');
  server = spawn(process.execPath, [BIN, 'serve'], {
    cwd: ROOT,
    env: { ...ENV, PORT: '0', HOST: '127.0.0.1' },
  });
  url = await new Promise<string>((resolve, reject) => {
    let output = '';
    server.stdout?.on('data', (chunk) => {
      output += chunk;
      const match = /Parity is serving at (http:\/\/\S+)/.exec(output);
      if (match) resolve(match[1]!);
    });
    server.on('close', (code) => reject(new Error(`parity serve stopped (${code}): ${output}`)));
  });
});

afterAll(async () => {
  if (server && server.exitCode === null) {
    const stopped = new Promise((resolve) => server.once('close', resolve));
    server.kill('SIGTERM');
    await stopped;
  }
  rmSync(folder, { recursive: true, force: true });
});

describe('parity token', () => {
  test('a created token works against the running service until it is revoked, both changes audited', async () => {
    const auditor = await createToken('QWO', 'auditor');
    expect((await get('/audit?limit=1', auditor.secret)).status).toBe(200);

    const revoked = await parity(['token', 'revoke', '--id', auditor.id]);
    expect(revoked).toMatchObject({ code: 0, stdout: 'Revoked.\n' });
    const refused = await get('/audit', auditor.secret);
    expect(refused.status).toBe(401);
    expect(await refused.json()).toMatchObject({
      code: 'unauthenticated',
      requestId: refused.headers.get('x-request-id'),
    });

    const { entries } = (await (await get('/audit?limit=100', admin.secret)).json()) as {
      entries: { action: string; subject: string; actor: string }[];
    };
    expect(entries.filter((e) => e.subject === auditor.id).map((e) => [e.action, e.actor])).toEqual([
      ['token.revoke', 'local-operator'],
      ['token.create', 'local-operator'],
    ]);
  });

  test('an admin token from the command line manages tokens over HTTP', async () => {
    const created = await fetch(`${url}/tokens`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin.secret}`, 'content-type': 'application/json' },
      body: JSON.stringify({ organisation: 'QAA', role: 'finance' }),
    });
    expect(created.status).toBe(201);
    const { secret } = (await created.json()) as { secret: string };
    expect((await get('/contracts', secret)).status).toBe(200);
    expect((await get('/tokens', secret)).status).toBe(403);
  });

  test.for([
    [
      'an organisation that is not an ODS code',
      ['--org', 'qwo', '--role', 'auditor'],
      "'qwo' is not an ODS code",
    ],
    ['an unknown role', ['--org', 'QWO', '--role', 'superuser'], "'superuser' is not a role; the roles are"],
  ] as const)('refuses %s with exit code 2', async ([, args, message]) => {
    const run = await parity(['token', 'create', ...args]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
    expect(run.stdout).not.toContain('parity_');
  });

  test('revoking an unknown token exits 1', async () => {
    const run = await parity(['token', 'revoke', '--id', 'tok_000000000000']);
    expect(run).toMatchObject({ code: 1, stdout: 'No token with that id.\n' });
  });
});
