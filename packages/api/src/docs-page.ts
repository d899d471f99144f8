import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Hono } from 'hono';

/**
 * The interactive API reference at /docs: Scalar's reference (@scalar/api-reference, its browser
 * bundle served from this service, not a CDN) reading /openapi.json. The page has no inline script,
 * so it keeps the service's Content-Security-Policy.
 */
const PAGE = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Parity API</title>
    <link rel="icon" href="data:," />
  </head>
  <body>
    <div id="reference"></div>
    <script src="/docs/scalar.js"></script>
    <script src="/docs/start.js"></script>
  </body>
</html>
`;

const START = `Scalar.createApiReference('#reference', {
  url: '/openapi.json',
  withDefaultFonts: false,
  hideClientButton: false,
  telemetry: false,
});
`;

let bundle: Promise<Uint8Array<ArrayBuffer>> | undefined;

function scalarBundle(): Promise<Uint8Array<ArrayBuffer>> {
  // The package exports no path to its browser bundle: find it beside the stylesheet it exports.
  const styles = createRequire(import.meta.url).resolve('@scalar/api-reference/style.css');
  bundle ??= readFile(join(dirname(styles), 'browser', 'standalone.js')).then(
    (buffer) => new Uint8Array(buffer),
  );
  return bundle;
}

export const docsPage = new Hono();
docsPage.get('/', (c) => c.html(PAGE));
docsPage.get('/start.js', (c) => {
  c.header('Content-Type', 'text/javascript; charset=utf-8');
  return c.body(START);
});
docsPage.get('/scalar.js', async (c) => {
  c.header('Content-Type', 'text/javascript; charset=utf-8');
  c.header('Cache-Control', 'public, max-age=3600');
  return c.body(await scalarBundle());
});
