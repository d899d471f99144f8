import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { Position } from '@parity/engine';
import { today } from '../clock.js';
import { ApiError, ErrorEnvelope } from '../errors.js';
import { LibraryPath } from '../library-path.js';
import type { AppEnv } from '../services.js';
import { playgroundFeeds } from './demo-feeds.js';
import { evaluateSource } from './evaluate-source.js';

const PlaygroundFeed = z
  .object({
    contract: z.string().openapi({ example: 'demo.bradford.SmiPhysicalHealthCquin' }),
    title: z.string(),
    file: z.string().openapi({ example: 'demo/bradford-smi-cquin.parity' }),
    sources: z.array(z.string()),
    from: z.string().openapi({ example: '2026-04' }),
    to: z.string().openapi({ example: '2026-10' }),
  })
  .openapi('PlaygroundFeed');
const Evaluation = z
  .object({
    file: LibraryPath.openapi({
      description: 'The library path of the open file.',
      example: 'demo/bradford-smi-cquin.parity',
    }),
    source: z.string().openapi({ description: 'The text of the open file, as it stands in the editor.' }),
    feed: z.string().openapi({
      description: 'The demo contract whose demo feeds to evaluate against (GET /playground/feeds).',
      example: 'demo.bradford.SmiPhysicalHealthCquin',
    }),
    asOf: z
      .string()
      .regex(/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/, 'a date, YYYY-MM-DD')
      .optional()
      .openapi({ description: 'The date to take the position at; today by default.' }),
  })
  .openapi('PlaygroundEvaluation');
const PlaygroundPosition = Position.extend({
  feed: z.string().openapi({ description: 'The demo contract whose feeds were read.' }),
  submissions: z
    .number()
    .int()
    .nonnegative()
    .openapi({ description: 'How many demo submissions were read.' }),
}).openapi('PlaygroundPosition');
const refusal = (description: string) => ({
  description,
  content: { 'application/json': { schema: ErrorEnvelope } },
});

/**
 * The playground's service side: which demo feeds there are, and the position of a contract as it
 * stands in the editor against one of them. No token is needed: only the demo's own invented
 * feeds are read, nothing is stored, and bodies and request rates are limited as elsewhere.
 */
export const playgroundRoutes = new OpenAPIHono<AppEnv>();

playgroundRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/feeds',
    tags: ['Playground'],
    summary: 'Demo feeds to evaluate against',
    description:
      'The demo contracts whose demo feeds the service holds, with the library file that declares each.',
    security: [],
    responses: {
      200: {
        description: 'The demo feeds',
        content: { 'application/json': { schema: z.object({ feeds: z.array(PlaygroundFeed) }) } },
      },
    },
  }),
  async (c) => c.json({ feeds: await playgroundFeeds(c.get('services').db) }, 200),
);

playgroundRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/evaluate',
    tags: ['Playground'],
    summary: 'Evaluate a contract against a demo feed',
    description:
      'Checks and compiles the contract as sent (with the shared NHS library), evaluates it against the stored demo feeds of a demo contract, and returns the position: measures by period, indicators with forecasts, payment lines in pounds. Nothing is stored. Each evaluation runs apart from the service within a time and memory budget, one at a time.',
    security: [],
    request: { body: { content: { 'application/json': { schema: Evaluation } }, required: true } },
    responses: {
      200: { description: 'The position', content: { 'application/json': { schema: PlaygroundPosition } } },
      400: refusal('The request is not valid, or the file declares no contract to evaluate'),
      404: refusal('No such demo feed'),
      413: refusal('The contract is too large, or has more measures than the playground evaluates'),
      422: refusal(
        'The contract has errors (the diagnostics, with line and column), or took more time or memory to evaluate than the playground allows',
      ),
      429: refusal('Too many requests, or the playground is busy with other evaluations'),
    },
  }),
  async (c) => {
    const body = c.req.valid('json');
    const services = c.get('services');
    const feed = (await playgroundFeeds(services.db)).find((f) => f.contract === body.feed);
    if (!feed)
      throw new ApiError('not-found', `No demo feed for ${body.feed}: GET /playground/feeds lists them.`);
    const asOf = body.asOf ?? today(services.clock);
    const position = await evaluateSource(services, { file: body.file, source: body.source, asOf }, feed);
    return c.json(position, 200);
  },
);
