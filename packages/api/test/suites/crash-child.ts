import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { request } from 'node:http';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The built service, as `parity serve` runs it. */
export const BUILT = join(import.meta.dirname, '../../out/index.js');

/** The built service in a child process on a database folder, with a commissioner's and a provider's token. */
export interface ChildService {
  child: ChildProcess;
  pid: number;
  url: string;
  commissioner: string;
  provider: string;
}

/** Starts the built service in a child process over `directory`, its temporary folder `temp`. */
export async function spawnService(directory: string, temp: string): Promise<ChildService> {
  const script = `
    import { createToken, startService } from ${JSON.stringify(pathToFileURL(BUILT).href)};
    const running = await startService(process.env);
    const { db, clock } = running.services;
    const commissioner = (await createToken(db, clock, '36J', 'commissioner')).secret;
    const provider = (await createToken(db, clock, 'TAD', 'provider')).secret;
    process.stdout.write(JSON.stringify({ url: running.url, commissioner, provider }) + '\\n');
  `;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
    env: {
      ...process.env,
      TMPDIR: temp,
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_URL: `file:${join(directory, 'x.db')}`,
      PARITY_DEMO: 'false',
      LOG_LEVEL: 'silent',
      RATE_LIMIT_PER_MINUTE: '100000',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  for await (const chunk of child.stdout as AsyncIterable<Buffer>) {
    output += chunk.toString();
    if (output.includes('\n')) break;
  }
  const started = JSON.parse(output) as { url: string; commissioner: string; provider: string };
  return { child, pid: child.pid as number, ...started };
}

/** Kills the child at once (SIGKILL: no handler runs, nothing is cleaned up) and waits for it to go. */
export async function killNow(service: ChildService): Promise<void> {
  if (service.child.exitCode !== null || service.child.signalCode !== null) return;
  const exited = once(service.child, 'exit');
  service.child.kill('SIGKILL');
  await exited;
}

/** An upload in progress: the body is sent by `sendUpTo`, and `answer` settles with the status (or undefined). */
export interface Upload {
  sendUpTo(bytes: number): Promise<number>;
  answer: Promise<number | undefined>;
  answered(): boolean;
}

/** Opens a POST of `body` (its length declared up front) to `path`; nothing is sent until asked. */
export function openUpload(
  url: string,
  path: string,
  token: string,
  contentType: string,
  body: Buffer,
): Upload {
  const target = new URL(url);
  const req = request({
    host: target.hostname,
    port: target.port,
    method: 'POST',
    path,
    headers: { authorization: `Bearer ${token}`, 'content-type': contentType, 'content-length': body.length },
  });
  let status: number | undefined;
  let settled = false;
  const answer = new Promise<number | undefined>((resolve) => {
    req.on('response', (response) => {
      if (process.env.CRASH_DEBUG)
        response.on('data', (d: Buffer) => console.log(d.toString().slice(0, 600)));
      else response.resume();
      status = response.statusCode;
      settled = true;
      resolve(status);
    });
    req.on('error', () => {
      settled = true;
      resolve(undefined);
    });
  });
  let sent = 0;
  return {
    answer,
    answered: () => settled,
    async sendUpTo(bytes) {
      const end = Math.min(bytes, body.length);
      while (sent < end && !settled) {
        const next = Math.min(end, sent + 256 * 1024);
        const ok = req.write(body.subarray(sent, next));
        sent = next;
        if (!ok) await Promise.race([once(req, 'drain'), answer]);
      }
      if (sent >= body.length) req.end();
      return sent;
    },
  };
}
