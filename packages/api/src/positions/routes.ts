import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { refuse, requireAuth } from '../auth/middleware.js';
import { canReadContract, canReadStatement, providerScope } from '../auth/policy.js';
import { today } from '../clock.js';
import { latestVersion, partiesOf } from '../contracts/store.js';
import { ApiError } from '../errors.js';
import type { AppEnv } from '../services.js';
import { type ContractEvaluation, evaluateContract } from './evaluate-contract.js';
import { lineJson, measureFigures } from './position.js';
import { statementCsv, statementOf, statementXlsx } from './statement.js';

const NameParam = z.object({ name: z.string().openapi({ param: { name: 'name', in: 'path' } }) });
const AsOf = z
  .string()
  .regex(/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/, 'a date, YYYY-MM-DD')
  .optional()
  .openapi({
    description:
      'The date to take the position at; today by default. A past date reproduces what was known then.',
  });
const Json = { 'application/json': { schema: z.record(z.string(), z.unknown()) } };

const gzipAsync = promisify(gzip);

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

positionRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/{name}/position',
    tags: ['Positions'],
    summary: "A provider's position",
    description:
      'Every measure by provider and period (month, quarter, year to date, rolling 12 months) with its status; each indicator with its forecast and what is still needed; every payment line with its explanation. Providers see their own figures only.',
    request: { params: NameParam, query: z.object({ asOf: AsOf, provider: z.string().optional() }) },
    responses: {
      200: { description: 'The position', content: Json },
      401: { description: 'No token' },
      403: { description: 'Not party' },
      404: { description: 'No such contract' },
    },
  }),
  async (c) => {
    const { name } = c.req.valid('param');
    const query = c.req.valid('query');
    const principal = c.get('principal');
    const parties = await partiesNow(c, name);
    if (!canReadContract(principal, parties))
      await refuse(c, 'position', name, `${principal.organisation} is not party to ${name}.`);
    const scope = providerScope(principal, parties, query.provider);
    if ('refusal' in scope) await refuse(c, 'position', name, scope.refusal);
    const provider = 'provider' in scope ? scope.provider : undefined;
    const asOf = query.asOf ?? today(c.get('services').clock);
    const evaluation = await evaluateContract(c.get('services'), name, asOf);
    const cached = await c
      .get('services')
      .positions.get(`${evaluation.key}|position|${provider ?? '*'}`, async () => {
        const json = JSON.stringify(positionBody(name, evaluation, asOf, provider));
        // Compressed once and kept: a position is read far more often than it changes.
        return { json, gzip: await gzipAsync(json) };
      });
    c.header('vary', 'accept-encoding');
    if (/\bgzip\b/.test(c.req.header('accept-encoding') ?? '')) {
      return c.body(new Uint8Array(cached.gzip), 200, {
        'content-type': 'application/json; charset=utf-8',
        'content-encoding': 'gzip',
      });
    }
    return c.body(cached.json, 200, { 'content-type': 'application/json; charset=utf-8' });
  },
);

/** A position as JSON: measures by period, indicators with forecasts, payment lines. */
export function positionBody(
  name: string,
  evaluation: ContractEvaluation,
  asOf: string,
  provider: string | undefined,
) {
  const result = evaluation.evaluation.result;
  return {
    contract: name,
    version: evaluation.version,
    contentHash: evaluation.model.contentHash,
    asOf,
    provider: provider ?? 'all',
    measures: measureFigures(evaluation, asOf, provider),
    indicators: evaluation.indicators
      .filter((i) => !provider || i.provider === provider)
      .map((i) => ({
        ...i,
        yearToDate: i.yearToDate && {
          ...i.yearToDate,
          numerator: i.yearToDate.numerator.toString(),
          denominator: i.yearToDate.denominator.toString(),
        },
        forecast: i.forecast && {
          ...i.forecast,
          denominator: i.forecast.denominator.toString(),
          pence: i.forecast.pence.toString(),
        },
        needs: i.needs.map((n) => ({ ...n, neededNumerator: n.neededNumerator.toString() })),
      })),
    lines: result.lines
      .filter((l) => !provider || l.provider === provider || l.provider === '*')
      .map((line) => lineJson(line, false)),
    monitors: result.monitors.map((m) => ({
      measure: m.measure,
      provider: m.provider,
      met: m.met,
      status: m.result.status,
      explanation: m.result.trace.text,
    })),
    pilot: result.pilot && {
      continues: result.pilot.continues,
      outcomes: result.pilot.outcomes.map((o) => ({
        measure: o.measure,
        met: o.met,
        explanation: o.result.trace.text,
      })),
    },
  };
}

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
        provider: z.string().optional(),
        format: z.enum(['json', 'csv', 'xlsx']).optional(),
      }),
    },
    responses: {
      200: {
        description: 'The statement',
        content: {
          ...Json,
          'text/csv': { schema: z.string() },
          'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: z.string() },
        },
      },
      401: { description: 'No token' },
      403: { description: 'Not allowed' },
      404: { description: 'No such contract' },
    },
  }),
  async (c) => {
    const { name } = c.req.valid('param');
    const query = c.req.valid('query');
    const principal = c.get('principal');
    const parties = await partiesNow(c, name);
    if (!canReadStatement(principal, parties))
      await refuse(
        c,
        'statement',
        name,
        `${principal.organisation} (${principal.role}) may not read the statement of ${name}: statements are for finance teams and commissioners party to the contract.`,
      );
    const scope = providerScope(principal, parties, query.provider);
    if ('refusal' in scope) await refuse(c, 'statement', name, scope.refusal);
    const asOf = query.asOf ?? today(c.get('services').clock);
    const statement = statementOf(
      await evaluateContract(c.get('services'), name, asOf),
      asOf,
      'provider' in scope ? scope.provider : undefined,
    );
    const filename = `${name}-statement-${asOf}`;
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
