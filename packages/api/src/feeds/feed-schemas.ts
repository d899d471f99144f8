import { z } from '@hono/zod-openapi';
import { ErrorEnvelope } from '../errors.js';

/** The OpenAPI shapes of the feed routes. */

export { ErrorEnvelope };
export const FeedError = z
  .object({
    row: z.number().openapi({ description: '1-based data row; 0 for the header or the file as a whole' }),
    column: z.string(),
    message: z.string(),
  })
  .openapi('FeedError');
export const Submission = z
  .object({
    id: z.string(),
    contract: z.string(),
    source: z.string().openapi({ description: 'The full name of the dataset or aggregate return' }),
    provider: z.string().openapi({ description: 'ODS code of the submitting provider' }),
    period: z.string(),
    format: z.enum(['csv', 'xlsx', 'json', 'ndjson']),
    rows: z.number(),
    contentHash: z.string().openapi({ description: 'sha256 of the body as sent' }),
    submittedAt: z.string(),
    submittedBy: z.string(),
    supersedes: z.string().optional().openapi({
      description: 'The earlier submission for the same provider, source and period that this one replaces',
    }),
    warnings: z.array(z.string()).optional().openapi({
      description:
        'What the submitter should check, though the feed is stored: a cumulative (year-to-date) figure lower than the month before, or higher than a later month already sent',
    }),
  })
  .openapi('Submission');
export const ListedSubmission = Submission.extend({
  supersededBy: z.string().optional(),
  current: z
    .boolean()
    .openapi({ description: 'Whether this is the latest submission for its provider, source and period' }),
}).openapi('ListedSubmission');
export const NameParam = z.object({
  name: z
    .string()
    .openapi({ param: { name: 'name', in: 'path' }, example: 'demo.bradford.SmiPhysicalHealthCquin' }),
});
export const SourceParam = NameParam.extend({
  source: z.string().openapi({ param: { name: 'source', in: 'path' }, example: 'SmiRegister' }),
});
export const IdParam = NameParam.extend({ id: z.string().openapi({ param: { name: 'id', in: 'path' } }) });
export const Month = z.string().regex(/^[0-9]{4}-(0[1-9]|1[0-2])$/, 'a month, YYYY-MM');
export const json = (schema: z.ZodType) => ({ 'application/json': { schema } });
export const failures = {
  401: { description: 'No or unknown bearer token', content: json(ErrorEnvelope) },
  403: { description: 'Not allowed for this organisation or role', content: json(ErrorEnvelope) },
  404: { description: 'No such contract, source or submission', content: json(ErrorEnvelope) },
};
