import type { MiddlewareHandler } from 'hono';

/**
 * The Content-Security-Policy of every answer. Pages (the playground, the API reference) load
 * scripts, styles, fonts and workers from this service alone, never a third party and never an
 * inline script, so a token pasted into a page cannot be read by a script that is not the
 * service's own; inline styles are allowed because the editor and the reference set them as they
 * draw. Anything else (JSON, CSV, XLSX) may load nothing and be framed by no one.
 */
const PAGE = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const NOTHING = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

export const contentSecurity: MiddlewareHandler = async (c, next) => {
  await next();
  const type = c.res.headers.get('content-type') ?? '';
  c.res.headers.set('Content-Security-Policy', type.startsWith('text/html') ? PAGE : NOTHING);
};
