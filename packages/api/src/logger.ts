import { pino } from 'pino';

const LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const;
export type LogLevel = (typeof LEVELS)[number];

/** Where log lines go: anything with `write(line)`, stderr by default. */
export interface LogDestination {
  write(line: string): void;
}

/**
 * One JSON line per event, at or above the configured level: `level`, ISO `time`, `pid`,
 * `hostname`, `message`, then the event's fields. Fields named like credentials are redacted
 * wherever they appear one level deep, so a careless caller cannot leak a bearer secret.
 */
export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

const CREDENTIALS = ['authorization', 'token', 'secret', 'password', 'cookie'];

export function createLogger(
  level: LogLevel,
  destination: LogDestination = pino.destination({ dest: 2, sync: true }),
): Logger {
  const log = pino(
    {
      level,
      messageKey: 'message',
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: {
        paths: [...CREDENTIALS, ...CREDENTIALS.map((field) => `*.${field}`)],
        censor: '[redacted]',
      },
    },
    destination,
  );
  return {
    debug: (message, fields = {}) => log.debug(fields, message),
    info: (message, fields = {}) => log.info(fields, message),
    warn: (message, fields = {}) => log.warn(fields, message),
    error: (message, fields = {}) => log.error(fields, message),
  };
}
