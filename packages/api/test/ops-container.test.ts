import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';

const ROOT = join(import.meta.dirname, '../../..');

interface ComposeService {
  image?: string;
  build?: unknown;
  profiles?: string[];
  environment?: Record<string, string>;
  volumes?: string[];
  ports?: string[];
  depends_on?: string[];
}
interface Compose {
  services: Record<string, ComposeService>;
  volumes: Record<string, unknown>;
}

describe('compose.yaml', () => {
  const compose = parse(readFileSync(join(ROOT, 'compose.yaml'), 'utf8')) as Compose;

  test('runs the service with its embedded database on a named volume, in no profile', () => {
    const parity = compose.services.parity;
    expect(parity?.profiles).toBeUndefined();
    expect(parity?.environment?.DATABASE_URL).toBe('file:/data/parity.db');
    expect(parity?.volumes).toContain('parity-data:/data');
    expect(compose.volumes).toHaveProperty('parity-data');
  });

  test('has a libsql-server profile whose service points DATABASE_URL at the libSQL server', () => {
    const server = compose.services.libsql;
    const parity = compose.services['parity-libsql'];
    expect(server?.profiles).toEqual(['libsql-server']);
    expect(server?.image).toMatch(/^ghcr\.io\/tursodatabase\/libsql-server(:|$)/);
    expect(parity?.profiles).toEqual(['libsql-server']);
    expect(parity?.depends_on).toEqual(['libsql']);
    expect(parity?.environment?.DATABASE_URL).toBe('http://libsql:8080');
  });
});

describe('Dockerfile', () => {
  const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
  const instructions = (name: string) =>
    dockerfile
      .replaceAll(/\\\n/g, ' ')
      .split('\n')
      .filter((line) => line.startsWith(`${name} `));

  test('builds in stages on Node 20 slim and runs as a user that is not root, its database on /data', () => {
    const stages = instructions('FROM');
    expect(stages.length).toBeGreaterThanOrEqual(2);
    for (const stage of stages) expect(stage).toMatch(/^FROM node:20-slim\b/);
    expect(instructions('USER')).toEqual(['USER node']);
    expect(instructions('VOLUME')).toEqual(['VOLUME /data']);
    expect(dockerfile).toContain('DATABASE_URL=file:/data/parity.db');
  });

  test('checks its health on /ready', () => {
    const [check] = instructions('HEALTHCHECK');
    expect(check).toContain('/ready');
  });
});

/** Whether a container engine answers here: the docker client alone is not enough. */
const engine = spawnSync('docker', ['info'], { stdio: 'ignore', timeout: 20_000 }).status === 0;

describe('the container image', () => {
  test.skipIf(!engine)(
    engine
      ? 'builds with docker build, and its container becomes ready'
      : 'builds with docker build (skipped: no container engine answers `docker info` on this machine)',
    async () => {
      const tag = `parity:test-${process.pid}`;
      const built = await run('docker', ['build', '--build-arg', 'PARITY_COMMIT=test', '-t', tag, ROOT]);
      expect(built.code, built.output).toBe(0);
      const started = await run('docker', ['run', '-d', '-P', '-e', 'PARITY_DEMO=false', tag]);
      expect(started.code, started.output).toBe(0);
      const container = started.output.trim().split('\n').at(-1) ?? '';
      try {
        const port = (await run('docker', ['port', container, '8787/tcp'])).output.trim().split(':').at(-1);
        const ready = await waitForReady(`http://127.0.0.1:${port}/ready`);
        expect(ready).toBe(200);
        const version = (await (await fetch(`http://127.0.0.1:${port}/version`)).json()) as {
          commit: string;
        };
        expect(version.commit).toBe('test');
      } finally {
        await run('docker', ['rm', '-f', container]);
        await run('docker', ['rmi', tag]);
      }
    },
    15 * 60_000,
  );
});

function run(command: string, args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

async function waitForReady(url: string): Promise<number> {
  let status = 0;
  for (let attempt = 0; attempt < 60 && status !== 200; attempt++) {
    status = await fetch(url).then(
      (response) => response.status,
      () => 0,
    );
    if (status !== 200) await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  return status;
}
