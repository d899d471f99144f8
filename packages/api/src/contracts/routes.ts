import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { actorOf, refuse, requireAuth } from '../auth/middleware.js';
import { canPublish, canPublishAny, canReadContract } from '../auth/policy.js';
import { CalendarDate } from '../calendar-date.js';
import { today } from '../clock.js';
import { ApiError, ErrorEnvelope } from '../errors.js';
import { LibraryPath } from '../library-path.js';
import type { AppEnv } from '../services.js';
import { diffModels } from './diff.js';
import {
  allContractNames,
  latestVersion,
  listVersions,
  partiesOf,
  storeVersion,
  versionByNumber,
} from './store.js';

const Source = z.object({ path: LibraryPath, text: z.string() }).openapi('Source');
const PublishBody = z
  .object({
    sources: z.array(Source).min(1).openapi({
      description: 'The contract file and the libraries it imports that the service does not already hold.',
    }),
    contract: z
      .string()
      .optional()
      .openapi({ description: 'Which contract to publish when the sources declare several.' }),
    effectiveDate: CalendarDate.optional().openapi({
      description: 'When this version takes effect; today by default.',
    }),
  })
  .openapi('Publication');
const Version = z
  .object({
    contract: z.string(),
    version: z.number(),
    contentHash: z.string(),
    author: z.string(),
    effectiveDate: z.string(),
    createdAt: z.string(),
  })
  .openapi('ContractVersion');
const Diagnostic = z
  .object({
    file: z.string(),
    line: z.number(),
    column: z.number(),
    severity: z.string(),
    code: z.string(),
    message: z.string(),
  })
  .openapi('Diagnostic');
const NameParam = z.object({
  name: z
    .string()
    .openapi({ param: { name: 'name', in: 'path' }, example: 'demo.bradford.SmiPhysicalHealthCquin' }),
});
const VersionParam = NameParam.extend({
  version: z.coerce
    .number()
    .int()
    .positive()
    .openapi({ param: { name: 'version', in: 'path' } }),
});
const errors = {
  401: {
    description: 'No or unknown bearer token',
    content: { 'application/json': { schema: ErrorEnvelope } },
  },
  403: {
    description: 'Not allowed for this organisation or role',
    content: { 'application/json': { schema: ErrorEnvelope } },
  },
  404: {
    description: 'No such contract or version',
    content: { 'application/json': { schema: ErrorEnvelope } },
  },
};

const toVersion = (v: {
  contractName: string;
  version: number;
  contentHash: string;
  author: string;
  effectiveDate: string;
  createdAt: string;
}) => ({
  contract: v.contractName,
  version: v.version,
  contentHash: v.contentHash,
  author: v.author,
  effectiveDate: v.effectiveDate,
  createdAt: v.createdAt,
});

export const contractRoutes = new OpenAPIHono<AppEnv>();
contractRoutes.use('*', requireAuth);

contractRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/',
    tags: ['Contracts'],
    summary: 'Publish a contract',
    description:
      "Checks the sources; valid ones become a new immutable version, in force from its effective date: each period of the contract's year is priced by the version in force on the day it starts. The same source as the newest version is that version; an earlier version's source published again is a new version with that version's content hash. Commissioners publish only contracts they commission.",
    request: { body: { content: { 'application/json': { schema: PublishBody } }, required: true } },
    responses: {
      200: {
        description: 'The same as the newest version: that version',
        content: { 'application/json': { schema: Version } },
      },
      201: { description: 'A new version', content: { 'application/json': { schema: Version } } },
      422: {
        description: 'The sources have errors',
        content: {
          'application/json': {
            schema: ErrorEnvelope.extend({ details: z.object({ diagnostics: z.array(Diagnostic) }) }),
          },
        },
      },
      ...errors,
    },
  }),
  async (c) => {
    const { db, clock, checker } = c.get('services');
    const body = c.req.valid('json');
    const principal = c.get('principal');
    if (!canPublishAny(principal))
      await refuse(
        c,
        'publish',
        body.contract ?? 'a contract',
        `${principal.organisation} (${principal.role}) may not publish: only commissioners publish contracts.`,
      );
    const outcome = await checker.check(body.sources);
    const errorsFound = outcome.diagnostics.filter((d) => d.severity === 'error');
    if (errorsFound.length > 0) {
      const diagnostics = errorsFound.map((d) => ({ ...d, file: d.file.replace(/^\//, '') }));
      throw new ApiError(
        'invalid-contract',
        `The contract has ${errorsFound.length} error(s): fix them and publish again.`,
        { diagnostics },
      );
    }
    const chosen = body.contract
      ? outcome.models.filter(
          (m) => m.contract.name === body.contract || m.contract.name.endsWith(`.${body.contract}`),
        )
      : outcome.models;
    if (chosen.length !== 1) {
      const names = outcome.models.map((m) => m.contract.name).join(', ') || 'none';
      throw new ApiError(
        'invalid-request',
        chosen.length === 0
          ? `No contract to publish among the sources (contracts found: ${names}).`
          : `The sources declare several contracts (${names}): name one in "contract".`,
      );
    }
    const model = chosen[0]!;
    const current = await latestVersion(db, model.contract.name);
    if (!canPublish(principal, model, current && (await partiesOf(db, current.id))))
      await refuse(
        c,
        'publish',
        model.contract.name,
        `${principal.organisation} (${principal.role}) does not commission ${model.contract.name}: only its commissioners may publish it.`,
      );
    const now = clock.now().toISOString();
    const { version, created } = await storeVersion(db, {
      model,
      sources: body.sources,
      author: actorOf(c),
      effectiveDate: body.effectiveDate ?? today(clock),
      now,
      audit: (stored) => ({
        actor: actorOf(c),
        action: 'publish',
        subject: model.contract.name,
        outcome: 'ok',
        requestId: c.get('requestId'),
        detail: {
          version: stored.version.version,
          contentHash: stored.version.contentHash,
          created: stored.created,
        },
      }),
    });
    // After the write, so no reader can cache the state from before it.
    c.get('services').reads.invalidate(`contract|${model.contract.name}|`);
    // A sub-contract changes what its prime's statement shows flowing down.
    if (model.contract.parent)
      c.get('services').reads.invalidate(`contract|${model.contract.parent}|sub-contracts|`);
    return c.json(toVersion(version), created ? 201 : 200);
  },
);

contractRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/',
    tags: ['Contracts'],
    summary: 'List the contracts you may see',
    responses: {
      200: {
        description: 'Contracts with their latest version',
        content: {
          'application/json': {
            schema: z.array(z.object({ name: z.string(), title: z.string(), latest: Version })),
          },
        },
      },
      401: errors[401],
    },
  }),
  async (c) => {
    const { db } = c.get('services');
    const visible = [];
    for (const contract of await allContractNames(db)) {
      const latest = await latestVersion(db, contract.name);
      if (latest && canReadContract(c.get('principal'), await partiesOf(db, latest.id)))
        visible.push({ ...contract, latest: toVersion(latest) });
    }
    return c.json(visible, 200);
  },
);

async function readableVersions(c: Context<AppEnv>, name: string) {
  const { db } = c.get('services');
  const versions = await listVersions(db, name);
  const latest = versions.at(-1);
  if (!latest) throw new ApiError('not-found', `No contract named ${name}.`);
  if (!canReadContract(c.get('principal'), await partiesOf(db, latest.id)))
    await refuse(c, 'read', name, `${c.get('principal').organisation} is not party to ${name}.`);
  return versions;
}

contractRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/{name}',
    tags: ['Contracts'],
    summary: 'A contract and its versions',
    request: { params: NameParam },
    responses: {
      200: {
        description: 'The contract',
        content: {
          'application/json': { schema: z.object({ name: z.string(), versions: z.array(Version) }) },
        },
      },
      ...errors,
    },
  }),
  async (c) => {
    const { name } = c.req.valid('param');
    const versions = await readableVersions(c, name);
    return c.json({ name, versions: versions.map(toVersion) }, 200);
  },
);

contractRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/{name}/versions/{version}/source',
    tags: ['Contracts'],
    summary: 'The sources a version was published from',
    request: { params: VersionParam },
    responses: {
      200: { description: 'Sources', content: { 'application/json': { schema: z.array(Source) } } },
      ...errors,
    },
  }),
  async (c) => {
    const { name, version } = c.req.valid('param');
    await readableVersions(c, name);
    const row = await versionByNumber(c.get('services').db, name, version);
    if (!row) throw new ApiError('not-found', `${name} has no version ${version}.`);
    return c.json(JSON.parse(row.sources) as { path: string; text: string }[], 200);
  },
);

contractRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/{name}/versions/{version}/model',
    tags: ['Contracts'],
    summary: 'The ContractModel of a version',
    request: { params: VersionParam },
    responses: {
      200: {
        description: 'ContractModel JSON',
        content: { 'application/json': { schema: z.record(z.string(), z.unknown()) } },
      },
      ...errors,
    },
  }),
  async (c) => {
    const { name, version } = c.req.valid('param');
    await readableVersions(c, name);
    const row = await versionByNumber(c.get('services').db, name, version);
    if (!row) throw new ApiError('not-found', `${name} has no version ${version}.`);
    return c.json(JSON.parse(row.model) as Record<string, unknown>, 200);
  },
);

contractRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/{name}/diff',
    tags: ['Contracts'],
    summary: "What changed between two versions' models",
    request: {
      params: NameParam,
      query: z.object({ from: z.coerce.number().int().positive(), to: z.coerce.number().int().positive() }),
    },
    responses: {
      200: {
        description: 'Changes by JSON path',
        content: {
          'application/json': {
            schema: z.object({
              from: z.number(),
              to: z.number(),
              changes: z.array(
                z.object({
                  path: z.string(),
                  change: z.string(),
                  before: z.unknown().optional(),
                  after: z.unknown().optional(),
                }),
              ),
            }),
          },
        },
      },
      ...errors,
    },
  }),
  async (c) => {
    const { name } = c.req.valid('param');
    const { from, to } = c.req.valid('query');
    await readableVersions(c, name);
    const { db } = c.get('services');
    const [before, after] = await Promise.all([
      versionByNumber(db, name, from),
      versionByNumber(db, name, to),
    ]);
    if (!before || !after) throw new ApiError('not-found', `${name} has no version ${before ? to : from}.`);
    return c.json({ from, to, changes: diffModels(JSON.parse(before.model), JSON.parse(after.model)) }, 200);
  },
);
