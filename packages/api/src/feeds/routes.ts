import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { feedMonthProblem } from '@parity/engine';
import { type AuditEntry, recordAudit } from '../audit/record.js';
import { actorOf, refuse, requireAuth } from '../auth/middleware.js';
import { canSubmitAny, submitRefusal } from '../auth/policy.js';
import { today } from '../clock.js';
import { ApiError } from '../errors.js';
import type { AppEnv } from '../services.js';
import { acceptFeed } from './accept-feed.js';
import { FeedBody } from './body-stream.js';
import { cumulativeWarnings } from './cumulative-warnings.js';
import { readableFeeds } from './feed-access.js';
import { LISTED_ERRORS } from './feed-errors.js';
import { contractInForce, formatOrRefuse } from './feed-request.js';
import {
  ErrorEnvelope,
  FeedError,
  failures,
  IdParam,
  json,
  ListedSubmission,
  Month,
  NameParam,
  SourceParam,
  Submission,
} from './feed-schemas.js';
import { findTarget, submittedSource, submittedSources, targetNames } from './feed-target.js';
import { submissionJson, supersession } from './submission-json.js';
import { listSubmissions, submissionById } from './submissions.js';

export const feedRoutes = new OpenAPIHono<AppEnv>();
feedRoutes.use('/:name/feeds', requireAuth);
feedRoutes.use('/:name/feeds/*', requireAuth);

feedRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/{name}/feeds/{source}',
    tags: ['Feeds'],
    summary: 'Submit a monthly feed',
    description: [
      'A provider sends its rows for one dataset or aggregate return of a contract and one month, as CSV, XLSX (first worksheet), a JSON array of row objects, or NDJSON. The body is streamed: checked against the contract version in force today, compressed and stored as it arrives.',
      "A dataset feed has exactly the dataset's fields as columns, in any order (a snapshot dataset may add a `month` column equal to `period`); an aggregate return has `measure, period, numerator, denominator, value, pence` and, for an attestation, `evidence` (its evidence reference). Money is pounds (`12.50`) or pence (`1250p`); booleans true/false, yes/no or 1/0; dates `YYYY-MM-DD`; date-times in ISO 8601 (`YYYY-MM-DDTHH:MM`, with `:SS` seconds, a space for the T, and a UTC offset such as `Z` or `+01:00` if any; a time without an offset is read as the dataset declares, UTC or the clock in England), stored exactly as the UTC instant. Columns that identify patients (NHS number, name, date of birth, postcode, address) are refused.",
      "A feed is held to its period: a month of the term that has begun; a dataset's rows dated (by its `dated by` field) within that month; an aggregate return's rows for that month, its quarter or its year; and at least one row (an empty feed is not accepted).",
      `Any error refuses the whole feed (422) and nothing is stored; up to ${LISTED_ERRORS} errors are listed, each with its row and column, with the total. The same content again returns the earlier submission (200); a different one for the same provider, source and period supersedes it (201), without deleting it.`,
    ].join('\n\n'),
    request: {
      params: SourceParam,
      query: z.object({
        period: Month.openapi({
          description: 'The month the feed is for: within the contract term, and begun by today',
          example: '2026-05',
        }),
        provider: z.string().optional().openapi({
          description:
            "ODS code of the provider submitting; the token's organisation by default (and the only one allowed)",
        }),
      }),
      body: {
        required: true,
        description: 'The feed file, streamed',
        content: {
          'text/csv': {
            schema: {
              type: 'string',
              example: 'measure,period,numerator,denominator,value,pence\nSmokersOffered,2026-04,60,100,,',
            },
          },
          'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
            schema: { type: 'string', format: 'binary' },
          },
          'application/json': {
            schema: { type: 'array', items: { type: 'object', additionalProperties: true } },
          },
          'application/x-ndjson': { schema: { type: 'string', description: 'One JSON row object per line' } },
        },
      },
    },
    responses: {
      200: {
        description: 'The same content was submitted before: the earlier submission',
        content: json(Submission),
      },
      201: { description: 'Stored', content: json(Submission) },
      413: { description: 'The body is larger than allowed', content: json(ErrorEnvelope) },
      415: { description: 'Not CSV, XLSX, JSON or NDJSON', content: json(ErrorEnvelope) },
      422: {
        description: 'The feed has errors; nothing was stored',
        content: json(
          ErrorEnvelope.extend({ details: z.object({ errors: z.array(FeedError), total: z.number() }) }),
        ),
      },
      ...failures,
    },
  }),
  async (c) => {
    const { name, source } = c.req.valid('param');
    const query = c.req.valid('query');
    const services = c.get('services');
    const { db, clock } = services;
    const { version, model, parties } = await contractInForce(db, clock, name);
    const principal = c.get('principal');
    const provider = query.provider ?? principal.organisation;
    const target = findTarget(model, source);
    const refusal = submitRefusal(
      principal,
      parties,
      name,
      target ? submittedSource(target) : { name: source },
      provider,
    );
    // An unknown source is named only to those who may submit something to the contract.
    if (refusal && (target || !canSubmitAny(principal, parties, name, submittedSources(model))))
      await refuse(c, 'submit-feed', name, refusal);
    if (!target)
      throw new ApiError(
        'not-found',
        `${name} has no dataset or aggregate return named ${source}; feeds go to ${targetNames(model).join(', ') || 'none'}.`,
      );
    const format = formatOrRefuse(c.req.header('content-type'), 'feed');
    const entry = (outcome: 'ok' | 'refused', detail: Record<string, unknown>): AuditEntry => ({
      actor: actorOf(c),
      action: 'submit-feed',
      subject: name,
      outcome,
      requestId: c.get('requestId'),
      detail: { source: target.name, provider, period: query.period, format, ...detail },
    });
    const audit = (outcome: 'ok' | 'refused', detail: Record<string, unknown>) => {
      c.set('audited', true);
      return recordAudit(db, clock, entry(outcome, detail));
    };
    const message = feedMonthProblem(model, query.period, today(clock));
    if (message) {
      await audit('refused', { reason: message });
      throw new ApiError('invalid-feed', message, {
        errors: [{ row: 0, column: 'period', message }],
        total: 1,
      });
    }
    const body = new FeedBody(c.req.raw.body, services.config.MAX_FEED_BYTES);
    const accepted = await acceptFeed(db, clock, {
      contractName: name,
      versionId: version.id,
      model,
      target,
      period: query.period,
      provider,
      format,
      body,
      submittedBy: actorOf(c),
      audit: (stored, read) =>
        entry('ok', {
          submission: stored.id,
          rows: read.rows,
          contentHash: read.contentHash,
          created: stored.created,
          ...(stored.supersedes ? { supersedes: stored.supersedes } : {}),
        }),
    });
    services.reads.invalidate(`contract|${name}|`);
    if (!accepted.ok) {
      const { listed, total } = accepted.errors;
      await audit('refused', { reason: 'invalid feed', errors: total, contentHash: accepted.contentHash });
      const shown = total > listed.length ? ` (the first ${listed.length} are listed)` : '';
      throw new ApiError(
        'invalid-feed',
        `The feed has ${total} error${total === 1 ? '' : 's'}${shown}; nothing was stored. Correct them and send the whole feed again.`,
        { errors: listed, total },
      );
    }
    services.metrics.rowsIngested('feed', [accepted]);
    const warnings = await cumulativeWarnings(
      db,
      { contractName: name, model, target, provider, asOf: today(clock) },
      [query.period],
    );
    return c.json(
      {
        ...submissionJson(accepted.submission, accepted.supersedes),
        ...(warnings.length > 0 ? { warnings } : {}),
      },
      accepted.created ? 201 : 200,
    );
  },
);

feedRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/{name}/feeds',
    tags: ['Feeds'],
    summary: 'List submissions',
    description:
      "Every submission to the contract, newest first, with which one stands for each provider, source and period. The commissioners' staff and auditors see every provider's; others see their own organisation's only.",
    request: {
      params: NameParam,
      query: z.object({
        source: z.string().optional(),
        provider: z.string().optional(),
        period: Month.optional(),
      }),
    },
    responses: { 200: { description: 'Submissions', content: json(z.array(ListedSubmission)) }, ...failures },
  }),
  async (c) => {
    const { name } = c.req.valid('param');
    const query = c.req.valid('query');
    const provider = await readableFeeds(c, name, query.provider);
    const all = await listSubmissions(c.get('services').db, name, { provider, period: query.period });
    const chain = supersession(all);
    const wanted = query.source
      ? all.filter((s) => s.source === query.source || s.source.endsWith(`.${query.source}`))
      : all;
    return c.json(
      wanted.map((s) => {
        const links = chain.get(s.id);
        return {
          ...submissionJson(s, links?.supersedes),
          ...(links?.supersededBy ? { supersededBy: links.supersededBy } : {}),
          current: !links?.supersededBy,
        };
      }),
      200,
    );
  },
);

feedRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/{name}/feeds/{id}',
    tags: ['Feeds'],
    summary: 'A submission',
    request: { params: IdParam },
    responses: { 200: { description: 'The submission', content: json(Submission) }, ...failures },
  }),
  async (c) => {
    const { name, id } = c.req.valid('param');
    const ownOnly = await readableFeeds(c, name);
    const submission = await submissionById(c.get('services').db, name, id);
    if (!submission) throw new ApiError('not-found', `${name} has no submission ${id}.`);
    if (ownOnly && submission.provider !== ownOnly)
      await refuse(
        c,
        'read-feeds',
        name,
        `Submission ${id} is ${submission.provider}'s: ${ownOnly} sees only its own submissions.`,
      );
    const chain = supersession(
      await listSubmissions(c.get('services').db, name, {
        provider: submission.provider,
        period: submission.period,
      }),
    );
    return c.json(submissionJson(submission, chain.get(id)?.supersedes), 200);
  },
);
