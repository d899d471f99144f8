import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Output, USAGE, UsageError } from './output.js';

export type Command = (args: string[], output: Output) => Promise<number>;

// Commands load their modules on use, so `parity --help` answers without loading the language.
const COMMANDS: Record<string, { load: () => Promise<Command>; help: string }> = {
  serve: {
    load: async () => (await import('./commands/serve.js')).runServe,
    help: 'serve                      start the service (settings from the environment)',
  },
  token: {
    load: async () => (await import('./commands/token.js')).runToken,
    help: 'token create --org <ODS> --role <role>   create a bearer token',
  },
  check: {
    load: async () => (await import('./commands/check.js')).runCheck,
    help: 'check <files|dirs>…        parse, link and validate contracts; exit 1 on errors',
  },
  test: {
    load: async () => (await import('./commands/test.js')).runTest,
    help: "test <files|dirs>…         run the contracts' in-language tests against the engine",
  },
  eval: {
    load: async () => (await import('./commands/eval.js')).runEval,
    help: 'eval <file> --data <Dataset>=<file>…   the position and statement on local feed files',
  },
  init: {
    load: async () => (await import('./commands/init.js')).runInit,
    help: 'init [dir] [--template <arrangement>]   start a contract folder: contract, tests, sample feed',
  },
  fmt: {
    load: async () => (await import('./commands/fmt.js')).runFmt,
    help: 'fmt <files|dirs>… [--check]  format contracts in the canonical layout',
  },
  lsp: {
    load: async () => (await import('./commands/lsp.js')).runLsp,
    help: 'lsp --stdio                 start the language server for any editor',
  },
  audit: {
    load: async () => (await import('./commands/audit.js')).runAudit,
    help: 'audit verify [--database <url>]   check the audit log has not been altered',
  },
  compile: {
    load: async () => (await import('./commands/compile.js')).runCompile,
    help: 'compile <file> [--contract <Name>]   print the ContractModel JSON',
  },
};

/** Runs the `parity` command with its arguments and returns the exit code. */
export async function runCli(
  argv: string[],
  output: Output,
  commands: Record<string, { load: () => Promise<Command> }> = COMMANDS,
): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    output.stdout.write(usage());
    return name ? 0 : 1;
  }
  if (name === '--version' || name === '-V' || name === 'version') {
    output.stdout.write(`parity ${version()}\n`);
    return 0;
  }
  const command = commands[name];
  if (!command) {
    output.stderr.write(`parity: unknown command '${name}'.\n\n${usage()}`);
    return 2;
  }
  try {
    return await (await command.load())(args, output);
  } catch (error) {
    if (error instanceof UsageError) {
      output.stderr.write(`parity ${name}: ${error.message}\n`);
      return 2;
    }
    output.stderr.write(internalError(name, error));
    return INTERNAL_ERROR;
  }
}

/** A fault in parity itself, not in what it was given (sysexits' EX_SOFTWARE). */
export const INTERNAL_ERROR = 70;

/**
 * What a fault in parity says: one line of what went wrong and how to report it; the stack trace
 * only when PARITY_DEBUG is set, for the report.
 */
function internalError(name: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const trace = process.env.PARITY_DEBUG && error instanceof Error && error.stack ? `${error.stack}\n` : '';
  return `parity ${name}: internal error: ${message}\nThis is a fault in parity, not in what you gave it. Run the command again with PARITY_DEBUG=1 and report it to the Parity team with that output and 'parity --version' (${version()}).\n${trace}`;
}

/** The version of the parity command, from its package. */
function version(): string {
  const manifest = JSON.parse(readFileSync(join(import.meta.dirname, '../package.json'), 'utf8')) as {
    version: string;
  };
  return manifest.version;
}

function usage(): string {
  const lines = Object.values(COMMANDS).map((command) => `  parity ${command.help}`);
  return `${USAGE}\n\nCommands:\n${lines.join('\n')}\n\nRun 'parity <command> --help' for details of one command; 'parity --version' prints the version.\n`;
}
