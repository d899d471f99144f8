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
