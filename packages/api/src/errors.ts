import { z } from '@hono/zod-openapi';
import { type DomainErrorCode, DomainErrorCodes } from '@parity/engine';
import type { Context } from 'hono';

/** The closed list of reasons the service refuses a request, each with its HTTP status. */
export const ErrorStatus = {
  'invalid-request': 400,
  unauthenticated: 401,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  'payload-too-large': 413,
  'unsupported-media-type': 415,
  'invalid-contract': 422,
  'invalid-feed': 422,
  'invalid-observations': 422,
  'rate-limited': 429,
  internal: 500,
} as const;

export type ErrorCode = keyof typeof ErrorStatus;

/** `{ code, message, details?, requestId }`: the body of every refusal, as the OpenAPI document shows it. */
export const ErrorEnvelope = z
  .object({
    code: z.enum(Object.keys(ErrorStatus) as [ErrorCode, ...ErrorCode[]]),
    message: z.string(),
    details: z.unknown().optional(),
    requestId: z.string(),
  })
  .openapi('Error');

/**
 * How each reason the engine refuses its input reaches a caller. Input the caller sent that the
 * engine cannot use is theirs to fix (422); a model that does not parse or a prime contract that
 * cannot be found is the service's own fault (500), since the service stored and supplied them.
 */
export const DomainErrorStatus: Record<DomainErrorCode, ErrorCode> = {
  [DomainErrorCodes.InvalidModel]: 'internal',
  [DomainErrorCodes.MissingParent]: 'internal',
  [DomainErrorCodes.InvalidObservations]: 'invalid-observations',
  [DomainErrorCodes.UnknownMeasure]: 'invalid-observations',
  [DomainErrorCodes.UnknownDataset]: 'invalid-observations',
  [DomainErrorCodes.UnknownProvider]: 'invalid-observations',
  [DomainErrorCodes.PeriodOutsideContract]: 'invalid-observations',
  [DomainErrorCodes.NegativeCount]: 'invalid-observations',
  [DomainErrorCodes.NumeratorAboveDenominator]: 'invalid-observations',
  [DomainErrorCodes.InvalidRecord]: 'invalid-observations',
};

/** The one error type handlers throw; `onError` turns it into the shared envelope. */
export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

/** `{ code, message, details?, requestId }`, the shape of every error the service returns. */
export function errorResponse(c: Context, code: ErrorCode, message: string, details?: unknown): Response {
  const requestId = c.get('requestId') as string | undefined;
  return c.json(
    { code, message, ...(details === undefined ? {} : { details }), requestId },
    ErrorStatus[code],
  );
}
