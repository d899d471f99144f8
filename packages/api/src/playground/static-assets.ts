import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, extname, join, normalize, sep } from 'node:path';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { Context } from 'hono';
import { errorResponse } from '../errors.js';
import type { AppEnv } from '../services.js';

const gzipAsync = promisify(gzip);

/** Where `pnpm --filter @parity/lsp build` puts the playground: packages/lsp/out/playground. */
export function playgroundDir(): string {
  const lspPackage = createRequire(import.meta.url).resolve('@parity/lsp/package.json');
  return join(dirname(lspPackage), 'out', 'playground');
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

/** Files named by their content (the bundler's chunks) never change: browsers may keep them a year. */
const IMMUTABLE = /^chunks\//;

interface Asset {
  /** The file as it was read, so a rebuild is noticed. */
  version: string;
  etag: string;
  type: string;
  body: Uint8Array<ArrayBuffer>;
  gzipped?: Uint8Array<ArrayBuffer>;
}

const NOT_BUILT = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Parity playground: not built</title></head>
<body><h1>The playground has not been built</h1>
<p>Build it with <code>pnpm --filter @parity/lsp build</code> (or <code>pnpm build</code> for everything),
then reload this page. The service itself does not need restarting.</p></body></html>`;

/**
 * Serves the built playground: `/playground` is its page, `/playground/<file>` its scripts and
 * styles, with their content types, ETags and caching (a year for content-named chunks, revalidate
 * for the rest), gzipped when the browser accepts it. Files are read once and kept in memory.
 */
export function playgroundAssets(root = playgroundDir()) {
  const cache = new Map<string, Asset>();

  async function load(path: string): Promise<Asset | undefined> {
    const file = join(root, path);
    const info = await stat(file).catch(() => undefined);
    if (!info?.isFile()) return undefined;
    const version = `${info.mtimeMs}|${info.size}`;
    const known = cache.get(path);
    if (known?.version === version) return known;
    const body = new Uint8Array(await readFile(file));
    const type = TYPES[extname(path)] ?? 'application/octet-stream';
    const compressible =
      type.startsWith('text/') || type.startsWith('application/json') || type === 'image/svg+xml';
    const asset: Asset = {
      version,
      etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`,
      type,
      body,
      gzipped: compressible && body.byteLength > 1024 ? new Uint8Array(await gzipAsync(body)) : undefined,
    };
    cache.set(path, asset);
    return asset;
  }

  return async (c: Context<AppEnv>): Promise<Response> => {
    const requested = c.req.path.replace(/^\/playground\/?/, '') || 'index.html';
    const path = safePath(requested);
    if (!path) {
      return errorResponse(c, 'not-found', `There is nothing at ${c.req.method} ${c.req.path}.`);
    }
    const asset = await load(path);
    if (!asset) {
      if (path === 'index.html') return c.html(NOT_BUILT, 503, { 'cache-control': 'no-store' });
      return errorResponse(c, 'not-found', `There is nothing at ${c.req.method} ${c.req.path}.`);
    }
    const headers: Record<string, string> = {
      'content-type': asset.type,
      etag: asset.etag,
      'cache-control': IMMUTABLE.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache',
      vary: 'accept-encoding',
    };
    if (c.req.header('if-none-match') === asset.etag) return c.body(null, 304, headers);
    if (asset.gzipped && /\bgzip\b/.test(c.req.header('accept-encoding') ?? '')) {
      return c.body(asset.gzipped, 200, { ...headers, 'content-encoding': 'gzip' });
    }
    return c.body(asset.body, 200, headers);
  };
}

/** The request's path inside the playground folder, or undefined if it is malformed or leads out of it. */
function safePath(requested: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(requested);
  } catch {
    return undefined;
  }
  const path = normalize(decoded).replaceAll(sep, '/');
  return path.startsWith('..') || path.startsWith('/') || path.includes('\0') ? undefined : path;
}
