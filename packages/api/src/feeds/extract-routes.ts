import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { feedMonthProblem } from '@parity/engine';
import { type AuditEntry, recordAudit } from '../audit/record.js';
import { actorOf, refuse, requireAuth } from '../auth/middleware.js';
import { canSubmitAny, submitRefusal } from '../auth/policy.js';
import { today } from '../clock.js';
import { ApiError } from '../errors.js';
import type { AppEnv } from '../services.js';
import { acceptExtract } from './accept-extract.js';
import { FeedBody } from './body-stream.js';
import { cumulativeWarnings } from './cumulative-warnings.js';
import { LISTED_ERRORS } from './feed-errors.js';
import { contractInForce, formatOrRefuse } from './feed-request.js';
import { ErrorEnvelope, FeedError, failures, json, SourceParam, Submission } from './feed-schemas.js';
import { findTarget, submittedSource, submittedSources, targetNames } from './feed-target.js';
import { submissionJson } from './submission-json.js';

export const extractRoutes = new OpenAPIHono<AppEnv>();
extractRoutes.use('/:name/extracts/*', requireAuth);

const Extract = z
  .object({
    contract: z.string(),
    source: z.string(),
    format: z.enum(['csv', 'xlsx', 'json', 'ndjson']),
    rows: z.number(),
    contentHash: z.string().openapi({ description: 'sha256 of the body as sent' }),
    submissions: z.array(
      Submission.extend({
        created: z.boolean().openapi({
          description:
            'false when this part was submitted before with the same rows (the earlier submission)',
        }),
      }),
    ),
  })
  .openapi('Extract');
const Refused = ErrorEnvelope.extend({
  details: z.object({ errors: z.array(FeedError), total: z.number() }),
});

extractRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/{name}/extracts/{source}',
    tags: ['Feeds'],
    summary: 'Submit an extract: many providers and months in one file',
    description: [
      "One file of a dataset's or aggregate return's rows for several providers and months, as CSV, XLSX (first worksheet), a JSON array of row objects or NDJSON, streamed. It has the feed's columns and a `provider` column (the row's ODS code). A row's month is its `dated by` field for a dated dataset; a `period` column (`YYYY-MM`) for a dataset not dated by a field; for an aggregate return, a `month` column when given, else its `period` when that is a month (a quarter's or year's figure needs the `month` column).",
      'The extract is split into one submission per provider and month, each exactly as if it had been sent as a feed: every rule that refuses a feed refuses the extract (a month outside the term or not yet begun, a row outside its month, a bad cell, identifiable data, a person twice in a snapshot, no rows). Each part supersedes the earlier submission for its provider, source and month; a part with the same rows as before is the earlier submission. All parts are stored in one write transaction.',
      `Rights are the feed's, row by row: a provider sends only its own rows; a dataset submitted by the commissioner or by a data service is sent by them for any provider of the contract; a provider not party to the contract is refused. A row the caller may not send refuses the whole extract (403) naming its row and the \`provider\` column; any other error refuses it (422). Nothing is stored either way; up to ${LISTED_ERRORS} errors are listed, with the total. One audit entry records the extract.`,
    ].join('\n\n'),
    request: {
      params: SourceParam,
      body: {
        required: true,
        description: 'The extract file, streamed',
        content: {
          'text/csv': {
            schema: {
              type: 'string',
              example:
                'provider,measure,period,numerator,denominator,value,pence\nTAD,SmokersOffered,2026-04,60,100,,\nRAE,SmokersOffered,2026-05,41,80,,',
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
      200: { description: 'Every part was submitted before with the same rows', content: json(Extract) },
      201: { description: 'Stored: the submissions, one per provider and month', content: json(Extract) },
      413: { description: 'The body is larger than allowed', content: json(ErrorEnvelope) },
      415: { description: 'Not CSV, XLSX, JSON or NDJSON', content: json(ErrorEnvelope) },
      422: { description: 'The extract has errors; nothing was stored', content: json(Refused) },
      ...failures,
      403: {
        description:
          'Not allowed for this organisation or role, or rows for a provider the caller may not submit for (listed); nothing was stored',
        content: json(Refused),
      },
    },
  }),
  async (c) => {
    const { name, source } = c.req.valid('param');
    const services = c.get('services');
    const { db, clock } = services;
    const { version, model, parties } = await contractInForce(db, clock, name);
    const principal = c.get('principal');
    const target = findTarget(model, source);
    const submitted = target ? submittedSource(target) : { name: source };
    // An unknown source is named only to those who may submit something to the contract.
    if (!canSubmitAny(principal, parties, name, target ? [submitted] : submittedSources(model)))
      await refuse(
        c,
        'submit-extract',
        name,
        submitRefusal(principal, parties, name, submitted, principal.organisation) ??
          `${principal.organisation} cannot submit ${submitted.name} for any provider of ${name}.`,
      );
    if (!target)
      throw new ApiError(
        'not-found',
        `${name} has no dataset or aggregate return named ${source}; extracts go to ${targetNames(model).join(', ') || 'none'}.`,
      );
    const format = formatOrRefuse(c.req.header('content-type'), 'extract');
    const entry = (outcome: 'ok' | 'refused', detail: Record<string, unknown>): AuditEntry => ({
      actor: actorOf(c),
      action: 'submit-extract',
      subject: name,
      outcome,
      requestId: c.get('requestId'),
      detail: { source: target.name, format, ...detail },
    });
    const audit = (outcome: 'ok' | 'refused', detail: Record<string, unknown>) => {
      c.set('audited', true);
      return recordAudit(db, clock, entry(outcome, detail));
    };
    const accepted = await acceptExtract(db, clock, {
      contractName: name,
      versionId: version.id,
      model,
      target,
      format,
      body: new FeedBody(c.req.raw.body, services.config.MAX_FEED_BYTES),
      submittedBy: actorOf(c),
      rules: {
        refusal: (provider) => submitRefusal(principal, parties, name, submitted, provider),
        periodProblem: (month) => feedMonthProblem(model, month, today(clock)),
      },
      audit: (stored) => entry('ok', { rows: stored.reduce((n, p) => n + p.rows, 0), submissions: stored }),
    });
    services.reads.invalidate(`contract|${name}|`);
    if (!accepted.ok) {
      const { listed, total, refused } = accepted.errors;
      await audit('refused', {
        reason: refused > 0 ? 'rows for providers the caller may not submit for' : 'invalid extract',
        errors: total,
        contentHash: accepted.contentHash,
      });
      const shown = total > listed.length ? ` (the first ${listed.length} are listed)` : '';
      const what =
        refused > 0
          ? `${refused} row${refused === 1 ? ' is' : 's are'} for providers this token may not submit for`
          : `the extract has ${total} error${total === 1 ? '' : 's'}`;
      throw new ApiError(
        refused > 0 ? 'forbidden' : 'invalid-feed',
        `${what.charAt(0).toUpperCase()}${what.slice(1)}${shown}; nothing was stored. Correct them and send the whole extract again.`,
        { errors: listed, total },
      );
    }
    services.metrics.rowsIngested('extract', accepted.parts);
    const parts = await Promise.all(
      accepted.parts.map(async (part) => {
        const { provider, period } = part.submission;
        const asOf = today(clock);
        const warnings = await cumulativeWarnings(db, { contractName: name, model, target, provider, asOf }, [
          period,
        ]);
        return {
          ...submissionJson(part.submission, part.supersedes),
          created: part.created,
          ...(warnings.length > 0 ? { warnings } : {}),
        };
      }),
    );
    return c.json(
      {
        contract: name,
        source: target.name,
        format,
        rows: accepted.rows,
        contentHash: accepted.contentHash,
        submissions: parts,
      },
      parts.some((p) => p.created) ? 201 : 200,
    );
  },
);
