import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { Position, Statement } from '@parity/engine';
import type { Context, TypedResponse } from 'hono';
import type { JSONParsed } from 'hono/utils/types';
import { refuse, requireAuth } from '../auth/middleware.js';
import { canReadContract, canReadStatement, providerScope } from '../auth/policy.js';
import { CalendarDate } from '../calendar-date.js';
import { today } from '../clock.js';
import { latestVersion, partiesOf } from '../contracts/store.js';
import { ApiError, ErrorEnvelope } from '../errors.js';
import type { AppEnv } from '../services.js';
import { readPositionJson, readStatement } from './read.js';
import { statementCsv, statementXlsx } from './statement.js';

const NameParam = z.object({ name: z.string().openapi({ param: { name: 'name', in: 'path' } }) });
const AsOf = CalendarDate.optional().openapi({
  description:
    'The date to take the position at; today by default. A past date reproduces what was known then.',
});

const Year = z
  .string()
  .regex(/^[0-9]{4}\/[0-9]{2}$/, 'a financial year, YYYY/YY')
  .optional()
  .openapi({
    description:
      'The financial year of the term, e.g. 2027/28 (YYYY/YY). By default the year of the term the as-of date falls in; a contract of several years answers for each.',
    example: '2026/27',
  });
/**
 * A body serialised ahead (and kept) as the JSON of a T, typed as `c.json` would type it so that
 * the route's declared schema still checks what the handler returns.
 */
function asJson<T>(response: Response): Response & TypedResponse<JSONParsed<T>, 200, 'json'> {
  return response as Response & TypedResponse<JSONParsed<T>, 200, 'json'>;
}

// Extended here, after @hono/zod-openapi has added `.openapi` to zod: the engine's schemas may be
// built before it was loaded.
const PositionSchema = Position.extend({}).openapi('Position');
const StatementSchema = Statement.extend({}).openapi('Statement');
const refusal = (description: string) => ({
  description,
  content: { 'application/json': { schema: ErrorEnvelope } },
});

export const positionRoutes = new OpenAPIHono<AppEnv>();
positionRoutes.use('/:name/position', requireAuth);
positionRoutes.use('/:name/statement', requireAuth);

async function partiesNow(c: Context<AppEnv>, name: string) {
  const { db } = c.get('services');
  const latest = await c.get('services').reads.get(`contract|${name}|latest`, () => latestVersion(db, name));
  if (!latest) throw new ApiError('not-found', `No contract named ${name}.`);
  // A version's parties never change.
  return c.get('services').positions.get(`parties|${latest.id}`, () => partiesOf(db, latest.id));
}

/**
 * Whose figures the caller may read: a commissioner or auditor any provider's (all by default), a
 * provider only its own. Refusals are audited.
 */
async function readerScope(
  c: Context<AppEnv>,
  action: 'position' | 'statement',
  name: string,
  requested: string | undefined,
): Promise<string | undefined> {
  const principal = c.get('principal');
  const parties = await partiesNow(c, name);
  if (action === 'position' && !canReadContract(principal, parties))
    await refuse(c, action, name, `${principal.organisation} is not party to ${name}.`);
  if (action === 'statement' && !canReadStatement(principal, parties))
    await refuse(
      c,
      action,
      name,
      `${principal.organisation} (${principal.role}) may not read the statement of ${name}: statements are for finance teams and commissioners party to the contract.`,
    );
  const scope = providerScope(principal, parties, requested);
  if ('refusal' in scope) await refuse(c, action, name, scope.refusal);
  return 'provider' in scope ? scope.provider : undefined;
}

positionRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/{name}/position',
    tags: ['Positions'],
    summary: "A provider's position",
    description:
      'Every measure by provider and period (month, quarter, year to date, rolling 12 months) with its status; each indicator with its forecast and what is still needed; every payment line with its explanation. Providers see their own figures only.',
    request: {
      params: NameParam,
      query: z.object({ asOf: AsOf, year: Year, provider: z.string().optional() }),
    },
    responses: {
      200: { description: 'The position', content: { 'application/json': { schema: PositionSchema } } },
      401: refusal('No token'),
      403: refusal('Not party to the contract, or asking for another provider'),
      404: refusal('No such contract'),
    },
  }),
  async (c) => {
    const { name } = c.req.valid('param');
    const query = c.req.valid('query');
    const provider = await readerScope(c, 'position', name, query.provider);
    const asOf = query.asOf ?? today(c.get('services').clock);
    const body = await readPositionJson(c.get('services'), { name, asOf, year: query.year, provider });
    c.header('vary', 'accept-encoding');
    if (/\bgzip\b/.test(c.req.header('accept-encoding') ?? '')) {
      return asJson<Position>(
        c.body(new Uint8Array(body.gzip), 200, {
          'content-type': 'application/json; charset=utf-8',
          'content-encoding': 'gzip',
        }),
      );
    }
    return asJson<Position>(c.body(body.json, 200, { 'content-type': 'application/json; charset=utf-8' }));
  },
);

positionRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/{name}/statement',
    tags: ['Statements'],
    summary: 'The finance statement',
    description:
      'Every payment line (CQUIN earned, withholds released, instalments, capitation, year of care, risk and gain shares, payments on account and reconciliation) with its explanation. `format=csv` or `format=xlsx` downloads it.',
    request: {
      params: NameParam,
      query: z.object({
        asOf: AsOf,
        year: Year,
        provider: z.string().optional(),
        format: z.enum(['json', 'csv', 'xlsx']).optional(),
      }),
    },
    responses: {
      200: {
        description: 'The statement',
        content: {
          'application/json': { schema: StatementSchema },
          'text/csv': { schema: z.string() },
          'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: z.string() },
        },
      },
      401: refusal('No token'),
      403: refusal('Not allowed'),
      404: refusal('No such contract'),
    },
  }),
  async (c) => {
    const { name } = c.req.valid('param');
    const query = c.req.valid('query');
    const provider = await readerScope(c, 'statement', name, query.provider);
    const asOf = query.asOf ?? today(c.get('services').clock);
    const statement = await readStatement(c.get('services'), { name, asOf, year: query.year, provider });
    const filename = `${name}-statement-${statement.year.replace('/', '-')}-${asOf}`;
    if (query.format === 'csv') {
      return c.body(statementCsv(statement), 200, {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="${filename}.csv"`,
      });
    }
    if (query.format === 'xlsx') {
      const body = await statementXlsx(statement);
      return c.body(new Uint8Array(body), 200, {
        'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'content-disposition': `attachment; filename="${filename}.xlsx"`,
      });
    }
    return c.json(statement, 200);
  },
);
