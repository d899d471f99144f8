import { OpenAPIHono } from '@hono/zod-openapi';
import { DomainError } from '@parity/engine';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
import { auditOutcomes } from './audit/outcomes.js';
import { auditRoutes } from './audit/routes.js';
import { identifyCaller } from './auth/middleware.js';
import { tokenRoutes } from './auth/routes.js';
import { contentSecurity } from './content-security.js';
import { contractRoutes } from './contracts/routes.js';
import { docsPage } from './docs-page.js';
import { ApiError, DomainErrorStatus, errorResponse } from './errors.js';
import { extractRoutes } from './feeds/extract-routes.js';
import { feedRoutes } from './feeds/routes.js';
import { requestLog } from './ops/request-log.js';
import { operationRoutes, probeRoutes } from './ops/routes.js';
import { serviceRelease } from './ops/version.js';
import { playgroundRoutes } from './playground/routes.js';
import { playgroundAssets } from './playground/static-assets.js';
import { positionRoutes } from './positions/routes.js';
import { rateLimit } from './rate-limit.js';
import type { AppEnv, Services } from './services.js';

/** Evaluations each client may ask of the playground in a minute: each compiles and runs a contract. */
const PLAYGROUND_EVALUATIONS_PER_MINUTE = 60;

/**
 * Builds the HTTP application around the services it is given: no globals, so tests and the
 * server each pass their own database, clock and settings.
 */
export function createApp(services: Services): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>({
    defaultHook: (result, c) => {
      if (result.success) return;
      const details = result.error.issues.map((issue) => ({
        path: issue.path.join('.'),
        message: issue.message,
      }));
      return errorResponse(
        c,
        'invalid-request',
        `The request is not valid: ${details.map((d) => `${d.path || 'body'}: ${d.message}`).join('; ')}.`,
        details,
      );
    },
  });
  app.use('*', requestId());
  app.use('*', secureHeaders({ contentSecurityPolicy: undefined }));
  app.use('*', contentSecurity);
  app.use('*', requestLog(services));
  // Probes answer before the caller is identified or counted: no token lookup, no rate limit.
  app.route('/', probeRoutes);
  app.use('*', identifyCaller);
  app.use('*', auditOutcomes);
  app.use('*', rateLimit(services.config.RATE_LIMIT_PER_MINUTE));
  const tooLarge = (limit: number) =>
    bodyLimit({
      maxSize: limit,
      onError: (c) =>
        errorResponse(c, 'payload-too-large', `The body is larger than the ${limit} bytes allowed here.`),
    });
  app.use('/contracts', tooLarge(services.config.MAX_CONTRACT_BYTES));
  // For feeds only a declared length is checked here: Hono's body limit would buffer a body sent
  // without one. The feed route also counts bytes as it streams and refuses past the limit itself.
  app.use('/contracts/*/feeds/*', async (c, next) => {
    const declared = Number(c.req.header('content-length') ?? '0');
    if (declared > services.config.MAX_FEED_BYTES) {
      return errorResponse(
        c,
        'payload-too-large',
        `The body is larger than the ${services.config.MAX_FEED_BYTES} bytes allowed here.`,
      );
    }
    await next();
  });
  app.use('/tokens', tooLarge(16 * 1024));
  // Anyone may evaluate in the playground: a contract-sized body, and fewer evaluations a minute.
  app.use('/playground/evaluate', tooLarge(services.config.MAX_CONTRACT_BYTES));
  app.use('/playground/evaluate', rateLimit(PLAYGROUND_EVALUATIONS_PER_MINUTE));

  app.route('/', operationRoutes);
  app.route('/contracts', contractRoutes);
  app.route('/contracts', feedRoutes);
  app.route('/contracts', extractRoutes);
  app.route('/contracts', positionRoutes);
  app.route('/audit', auditRoutes);
  app.route('/tokens', tokenRoutes);
  app.route('/playground', playgroundRoutes);
  const assets = playgroundAssets();
  app.get('/playground', assets);
  app.get('/playground/*', assets);

  app.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'Parity',
      version: serviceRelease(),
      description:
        'Commissioning contracts as code: publish contracts, submit monthly feeds, read positions and finance statements.',
    },
    security: [{ bearer: [] }],
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer' });
  app.route('/docs', docsPage);

  app.notFound((c) => errorResponse(c, 'not-found', `There is nothing at ${c.req.method} ${c.req.path}.`));
  app.onError((error, c) => {
    if (error instanceof ApiError) return errorResponse(c, error.code, error.message, error.details);
    if (error instanceof DomainError) {
      const code = DomainErrorStatus[error.code];
      if (code === 'internal')
        services.logger.error('engine refused what the service supplied', {
          requestId: c.get('requestId'),
          code: error.code,
          error: error.message,
        });
      return code === 'internal'
        ? errorResponse(
            c,
            code,
            'Something went wrong on our side; the request id identifies it in the logs.',
          )
        : errorResponse(c, code, error.message, { code: error.code, ...error.details });
    }
    if (error instanceof HTTPException) {
      if (error.status === 413)
        return errorResponse(c, 'payload-too-large', error.message || 'The body is too large.');
      return errorResponse(c, error.status === 401 ? 'unauthenticated' : 'invalid-request', error.message);
    }
    services.logger.error('unhandled error', {
      requestId: c.get('requestId'),
      error: error instanceof Error ? error.stack : String(error),
    });
    return errorResponse(
      c,
      'internal',
      'Something went wrong on our side; the request id identifies it in the logs.',
    );
  });
  return app;
}
