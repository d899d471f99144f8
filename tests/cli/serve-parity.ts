import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, runParity } from './run-parity.js';

/** `parity serve` running on a loopback port over a database file of its own. */
export interface ServedParity {
  url: string;
  /** A bearer secret for an organisation and role, made by `parity token create`. */
  token(organisation: string, role: string): Promise<string>;
  /** fetch against the service with a bearer token. */
  request(path: string, secret: string, init?: RequestInit): Promise<Response>;
  stop(): Promise<void>;
}

/** Starts the built `parity serve` as a user would, on a free port and a fresh database, no demo data. */
export async function serveParity(): Promise<ServedParity> {
  const folder = mkdtempSync(join(tmpdir(), 'parity-serve-'));
  const env = {
    DATABASE_URL: `file:${join(folder, 'x.db')}`,
    PARITY_DEMO: 'false',
    LOG_LEVEL: 'silent',
    RATE_LIMIT_PER_MINUTE: '100000',
  };
  const token = async (organisation: string, role: string) => {
    const run = await runParity(['token', 'create', '--org', organisation, '--role', role], ROOT, env);
    if (run.code !== 0) throw new Error(`parity token create failed: ${run.stderr}`);
    return run.stdout.split('\n')[1] ?? '';
  };
  // The token command creates and migrates the database before the service starts on it.
  await token('QWO', 'auditor');
  const server: ChildProcess = spawn(process.execPath, [join(ROOT, 'packages/cli/bin/parity.js'), 'serve'], {
    cwd: ROOT,
    env: { ...process.env, ...env, PORT: '0', HOST: '127.0.0.1' },
  });
  const url = await new Promise<string>((resolve, reject) => {
    let output = '';
    server.stdout?.on('data', (chunk) => {
      output += chunk;
      const match = /Parity is serving at (http:\/\/\S+)/.exec(output);
      if (match) resolve(match[1]!);
    });
    server.on('close', (code) => reject(new Error(`parity serve stopped (${code}): ${output}`)));
  });
  return {
    url,
    token,
    request: (path, secret, init = {}) => {
      const headers = new Headers(init.headers);
      headers.set('authorization', `Bearer ${secret}`);
      return fetch(`${url}${path}`, { ...init, headers });
    },
    stop: async () => {
      if (server.exitCode === null) {
        const stopped = new Promise((resolve) => server.once('close', resolve));
        server.kill('SIGTERM');
        await stopped;
      }
      rmSync(folder, { recursive: true, force: true });
    },
  };
}
