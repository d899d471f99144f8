import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { ROOT, runParity } from '../cli/run-parity.js';

const folder = mkdtempSync(join(tmpdir(), 'parity-shutdown-'));
const env = {
  DATABASE_URL: `file:${join(folder, 'x.db')}`,
  PARITY_DEMO: 'false',
  LOG_LEVEL: 'info',
  HOST: '127.0.0.1',
  PORT: '0',
};
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** A small contract Bradford's commissioners (36J) may publish. */
const CONTRACT = `package test.shutdown

import "nhs/organisations"

aggregate return Reviews "Care plan reviews" {
  rows are events
  source "Quality return"
}

measure CarePlansReviewed "Care plans reviewed" {
  domain mental-health
  from Reviews
  scored as proportion
  minimum denominator 10
  higher is better
  period quarter
}

contract Shutdown "Published while the service stops" {
  arrangement cquin
  year 2026/27
  commissioner BradfordPlace
  provider BradfordDistrictCare
  value £1,000,000

  cquin Quality "Care plan reviews" worth 2% of value {
    assessed quarterly
    indicator Reviews "Care plans reviewed" weight 100% {
      measure CarePlansReviewed
      linear from 50% to 90%
    }
  }
}
`;

interface Served {
  process: ChildProcess;
  url: string;
  stdout(): string;
  exited: Promise<number | null>;
}

/** Starts the built `parity serve` as a user would and waits for the line giving its URL. */
async function serve(): Promise<Served> {
  const child = spawn(process.execPath, [join(ROOT, 'packages/cli/bin/parity.js'), 'serve'], {
    cwd: ROOT,
    env: { ...process.env, ...env },
  });
  let stdout = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.resume();
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', () => {
      const match = /Parity is serving at (http:\/\/\S+)/.exec(stdout);
      // The notice after the URL is written in the same tick; wait for the token line too.
      if (match?.[1] && stdout.includes('parity token create')) resolve(match[1]);
    });
    void exited.then((code) => reject(new Error(`parity serve stopped (${code}): ${stdout}`)));
  });
  return { process: child, url, stdout: () => stdout, exited };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test('on SIGTERM finishes a publication in flight, refuses new connections, exits 0, and a restart says how to make a token', async () => {
  const created = await runParity(['token', 'create', '--org', '36J', '--role', 'commissioner'], ROOT, env);
  expect(created.code, created.stderr).toBe(0);
  const secret = created.stdout.split('\n')[1] ?? '';

  const first = await serve();
  const body = JSON.stringify({ sources: [{ path: 'shutdown.parity', text: CONTRACT }] });
  const encoder = new TextEncoder();
  let sendRest: () => void = () => undefined;
  const slowBody = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(body.slice(0, 40)));
      sendRest = () => {
        controller.enqueue(encoder.encode(body.slice(40)));
        controller.close();
      };
    },
  });
  const publishing = fetch(`${first.url}/contracts`, {
    method: 'POST',
    headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
    body: slowBody,
    duplex: 'half',
  } as RequestInit);
  await pause(500);

  first.process.kill('SIGTERM');
  await pause(500);
  // Still draining: the publication is unfinished, and no new connection is taken.
  expect(first.process.exitCode).toBeNull();
  await expect(fetch(`${first.url}/health`)).rejects.toThrow();

  sendRest();
  const response = await publishing;
  expect(response.status, await response.clone().text()).toBe(201);
  expect(await response.json()).toMatchObject({ contract: 'test.shutdown.Shutdown', version: 1 });
  expect(await first.exited).toBe(0);
  expect(first.stdout()).toContain('Stopping: finishing requests in flight');

  const second = await serve();
  try {
    expect(second.stdout()).toMatch(/Parity is serving at http:\/\/127\.0\.0\.1:\d+/);
    expect(second.stdout()).toContain('parity token create --org <ODS code> --role <');
    const stored = await fetch(`${second.url}/contracts/test.shutdown.Shutdown`, {
      headers: { authorization: `Bearer ${secret}` },
    });
    expect(stored.status).toBe(200);
  } finally {
    second.process.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  }
});
