import { z } from 'zod';

const Config = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  HOST: z.string().default('127.0.0.1'),
  /** `file:` path for the embedded database, or a libSQL server URL (`libsql://`, `http(s)://`). */
  DATABASE_URL: z
    .string()
    .regex(/^(file:|libsql:|https?:)/, 'use file:<path>, libsql://… or http(s)://…')
    .default('file:data/parity.db'),
  DATABASE_AUTH_TOKEN: z.string().optional(),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  /** Largest contract publication accepted, in bytes. */
  MAX_CONTRACT_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(2 * 1024 * 1024),
  /** Largest feed accepted, in bytes. */
  MAX_FEED_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(512 * 1024 * 1024),
  /** Requests allowed per client per minute. */
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(600),
  /** Load the demo organisations, contracts and feeds into an empty database on start. */
  PARITY_DEMO: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  /** The git commit the running build came from, shown at /version (set by the image build). */
  PARITY_COMMIT: z.string().min(1).default('unknown'),
  /** On SIGTERM or SIGINT, how long requests in flight may take to finish before they are cut. */
  SHUTDOWN_GRACE_SECONDS: z.coerce.number().int().min(0).max(600).default(30),
});

export type ServiceConfig = z.infer<typeof Config>;

/** Reads the service's settings from the environment, once, refusing bad values with the variable named. */
export function readConfig(env: Record<string, string | undefined>): ServiceConfig {
  const parsed = Config.safeParse(env);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
  throw new Error(`Configuration is not valid: ${problems}`);
}
