import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../services.js';
import { checkReadiness } from './readiness.js';
import { versionInfo } from './version.js';

const Health = z.object({ status: z.literal('ok') }).openapi('Health');
const Ready = z.object({ status: z.literal('ready') }).openapi('Ready');
const NotReady = z
  .object({ status: z.literal('unavailable'), reason: z.string() })
  .openapi('NotReady', { example: { status: 'unavailable', reason: 'The database did not answer: …' } });
const Version = z
  .object({
    name: z.string(),
    version: z.string().openapi({ description: 'The release, from the package.' }),
    commit: z.string().openapi({ description: 'The git commit built (PARITY_COMMIT), or unknown.' }),
    modelSchemaVersion: z
      .number()
      .int()
      .openapi({ description: 'The version of the contract model the engine reads and stores.' }),
  })
  .openapi('Version');

/**
 * Liveness and readiness, for load balancers and orchestrators: public, never rate limited and
 * mounted before the caller is identified, so a probe costs no token lookup.
 */
export const probeRoutes = new OpenAPIHono<AppEnv>();

probeRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/health',
    tags: ['Operations'],
    summary: 'Is the process up',
    description: 'Answers while the process serves HTTP, whatever the state of the database (liveness).',
    security: [],
    responses: { 200: { description: 'Serving', content: { 'application/json': { schema: Health } } } },
  }),
  (c) => c.json({ status: 'ok' as const }, 200),
);

probeRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/ready',
    tags: ['Operations'],
    summary: 'Can the service take requests',
    description:
      'Ready when the database answers within two seconds and every migration the service ships is applied; otherwise 503 with the reason (readiness).',
    security: [],
    responses: {
      200: { description: 'Ready', content: { 'application/json': { schema: Ready } } },
      503: { description: 'Not ready, and why', content: { 'application/json': { schema: NotReady } } },
    },
  }),
  async (c) => {
    const readiness = await checkReadiness(c.get('services').db);
    c.header('Cache-Control', 'no-store');
    return readiness.ready
      ? c.json({ status: 'ready' as const }, 200)
      : c.json({ status: 'unavailable' as const, reason: readiness.reason }, 503);
  },
);

/** What is running and how it is doing: public, as Prometheus scrapes expect, with no patient data. */
export const operationRoutes = new OpenAPIHono<AppEnv>();

operationRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/metrics',
    tags: ['Operations'],
    summary: 'Measurements for Prometheus',
    description:
      'Requests and their latency by method, route pattern and status; feed rows ingested; evaluation time; process figures. Prometheus text format.',
    security: [],
    responses: {
      200: {
        description: 'The Prometheus text exposition',
        content: { 'text/plain': { schema: z.string() } },
      },
    },
  }),
  async (c) => {
    const { text, contentType } = await c.get('services').metrics.exposition();
    c.header('Cache-Control', 'no-store');
    return c.text(text, 200, { 'Content-Type': contentType });
  },
);

operationRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/version',
    tags: ['Operations'],
    summary: 'What is running',
    description: 'The release, the git commit it was built from, and the contract model schema version.',
    security: [],
    responses: { 200: { description: 'The version', content: { 'application/json': { schema: Version } } } },
  }),
  (c) => c.json(versionInfo(c.get('services').config.PARITY_COMMIT), 200),
);
