/** Where a command writes: the process's streams, or buffers in tests. */
export interface Output {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
}

export const USAGE = 'parity: commissioning contracts as code.\n\nUsage: parity <command> [options]';

/**
 * A command used wrongly (an unknown option, a path that does not exist): said in one line, with
 * exit code 2, never as a stack trace.
 */
export class UsageError extends Error {}
