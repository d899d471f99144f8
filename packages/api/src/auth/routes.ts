import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { ApiError, ErrorEnvelope } from '../errors.js';
import type { AppEnv } from '../services.js';
import { actorOf, allowOnly, requireAuth } from './middleware.js';
import { canManageTokens } from './policy.js';
import { createToken, listTokens, ODS_CODE, ROLES, revokeToken } from './tokens.js';

const Token = z
  .object({
    id: z.string(),
    organisation: z.string(),
    role: z.enum(ROLES),
    label: z.string().nullable(),
    createdAt: z.string(),
    revokedAt: z.string().nullable(),
  })
  .openapi('Token');
const NewToken = z
  .object({
    organisation: z.string().regex(ODS_CODE, 'an ODS code: 3 to 6 upper-case letters and digits'),
    role: z.enum(ROLES),
    label: z.string().min(1).max(200).optional(),
  })
  .openapi('NewToken');
const IdParam = z.object({
  id: z.string().openapi({ param: { name: 'id', in: 'path' }, example: 'tok_0123456789ab' }),
});
const json = (schema: z.ZodType) => ({ 'application/json': { schema } });
const refusals = {
  401: { description: 'No, unknown or revoked bearer token', content: json(ErrorEnvelope) },
  403: { description: 'Not an admin', content: json(ErrorEnvelope) },
};

/** Token management (POST, GET /tokens; DELETE /tokens/{id}), for admins; every change is audited. */
export const tokenRoutes = new OpenAPIHono<AppEnv>();
tokenRoutes.use('*', requireAuth, allowOnly(canManageTokens, 'tokens', 'only admins manage tokens.'));

tokenRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/',
    tags: ['Tokens'],
    summary: 'Create a token',
    description:
      'Creates a bearer token for an organisation and role. The secret is in this response only; the service keeps its hash.',
    request: { body: { content: { 'application/json': { schema: NewToken } }, required: true } },
    responses: {
      201: {
        description: 'The new token, with its secret',
        content: json(Token.extend({ secret: z.string() })),
      },
      ...refusals,
    },
  }),
  async (c) => {
    const { db, clock } = c.get('services');
    const body = c.req.valid('json');
    const by = { actor: actorOf(c), requestId: c.get('requestId') };
    return c.json(await createToken(db, clock, body.organisation, body.role, body.label, by), 201);
  },
);

tokenRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/',
    tags: ['Tokens'],
    summary: 'List tokens',
    description: 'Every token, newest first, revoked ones included; never a secret or its hash.',
    responses: { 200: { description: 'Tokens', content: json(z.array(Token)) }, ...refusals },
  }),
  async (c) => c.json(await listTokens(c.get('services').db), 200),
);

tokenRoutes.openapi(
  createRoute({
    method: 'delete',
    path: '/{id}',
    tags: ['Tokens'],
    summary: 'Revoke a token',
    description: 'The token stops working at once. Revoking a revoked token changes nothing.',
    request: { params: IdParam },
    responses: {
      200: { description: 'The revoked token', content: json(Token) },
      ...refusals,
      404: { description: 'No such token', content: json(ErrorEnvelope) },
    },
  }),
  async (c) => {
    const { db, clock } = c.get('services');
    const { id } = c.req.valid('param');
    const revoked = await revokeToken(db, clock, id, { actor: actorOf(c), requestId: c.get('requestId') });
    if (!revoked) throw new ApiError('not-found', `No token with id ${id}.`);
    return c.json(revoked, 200);
  },
);
