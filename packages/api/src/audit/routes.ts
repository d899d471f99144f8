import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { allowOnly, requireAuth } from '../auth/middleware.js';
import { canReadAudit } from '../auth/policy.js';
import { ErrorEnvelope } from '../errors.js';
import type { AppEnv } from '../services.js';
import { type AuditQuery, readAudit } from './read.js';
import { verifyAudit } from './verify.js';

const Instant = z
  .string()
  .refine(
    (text) => toInstant(text) !== undefined,
    'a date (YYYY-MM-DD) or a date-time with a zone (e.g. 2026-05-01T09:00:00Z)',
  );
const Query = z.object({
  from: Instant.optional().openapi({ description: 'Entries at or after this date or time.' }),
  to: Instant.optional().openapi({
    description: 'Entries at or before this time, or on or before this date.',
  }),
  action: z
    .string()
    .min(1)
    .optional()
    .openapi({ description: 'Only this action, e.g. publish, token.create, authenticate.' }),
  outcome: z.enum(['ok', 'refused']).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  cursor: z
    .string()
    .regex(/^[1-9][0-9]{0,15}$/, 'the nextCursor of a previous page')
    .optional()
    .openapi({ description: 'The nextCursor of the previous page.' }),
});
const Entry = z
  .object({
    id: z.number(),
    at: z.string(),
    actor: z.string(),
    action: z.string(),
    subject: z.string(),
    outcome: z.string(),
    requestId: z.string().nullable(),
    detail: z.record(z.string(), z.unknown()),
  })
  .openapi('AuditEntry');
/** Who may not read the audit log, for every route of it. */
const refusals = {
  401: {
    description: 'No, unknown or revoked bearer token',
    content: { 'application/json': { schema: ErrorEnvelope } },
  },
  403: {
    description: 'Not an auditor or admin',
    content: { 'application/json': { schema: ErrorEnvelope } },
  },
};
const Page = z.object({ entries: z.array(Entry), nextCursor: z.string().nullable() }).openapi('AuditPage');

/** The audit log (GET /audit), newest first, for auditors and admins. */
export const auditRoutes = new OpenAPIHono<AppEnv>();
auditRoutes.use(
  '*',
  requireAuth,
  allowOnly(canReadAudit, 'audit', 'only auditors and admins read the audit log.'),
);

auditRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/',
    tags: ['Audit'],
    summary: 'Read the audit log',
    description:
      'Every publish, feed submission, token change and refusal, newest first. Pass nextCursor back as cursor for the next page.',
    request: { query: Query },
    responses: {
      200: { description: 'A page of entries', content: { 'application/json': { schema: Page } } },
      ...refusals,
    },
  }),
  async (c) => {
    const query = c.req.valid('query');
    const filter: AuditQuery = {
      from: query.from === undefined ? undefined : toInstant(query.from),
      to: query.to === undefined ? undefined : toInstant(query.to, 'end'),
      action: query.action,
      outcome: query.outcome,
      limit: query.limit,
      before: query.cursor === undefined ? undefined : Number(query.cursor),
    };
    return c.json(await readAudit(c.get('services').db, filter), 200);
  },
);

const Verification = z
  .object({
    intact: z.boolean(),
    entries: z.number(),
    sealed: z.number(),
    unsealed: z.number(),
    breaks: z.array(z.object({ id: z.number(), problem: z.string() })),
    head: z.object({ id: z.number(), hash: z.string() }).nullable(),
  })
  .openapi('AuditVerification');

auditRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/verify',
    tags: ['Audit'],
    summary: 'Check the audit log has not been altered',
    description:
      'Checks every entry against its seal and the one before it, and every token against the entries that created and revoked it. Note the head: a later check whose chain passes through it shows nothing before it was changed.',
    responses: {
      200: { description: 'What the check found', content: { 'application/json': { schema: Verification } } },
      ...refusals,
    },
  }),
  async (c) => {
    const found = await verifyAudit(c.get('services').db.$client);
    return c.json({ intact: found.breaks.length === 0, ...found }, 200);
  },
);

/**
 * An ISO timestamp comparable with the stored ones. A date alone means the start of that day (UTC),
 * or with `end` its last millisecond, so `to=2026-05-01` includes all of 1 May.
 */
function toInstant(text: string, edge: 'start' | 'end' = 'start'): string | undefined {
  const isDate = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(text);
  const isDateTime = /^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+(Z|[+-][0-9]{2}:[0-9]{2})$/.test(text);
  if (!isDate && !isDateTime) return undefined;
  const at = new Date(isDate ? `${text}T${edge === 'end' ? '23:59:59.999' : '00:00:00.000'}Z` : text);
  if (Number.isNaN(at.getTime()) || (isDate && at.toISOString().slice(0, 10) !== text)) return undefined;
  return at.toISOString();
}
