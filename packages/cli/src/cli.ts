import { runCheck } from './commands/check.js';
import { runCompile } from './commands/compile.js';
import { type Output, USAGE } from './output.js';

type Command = (args: string[], output: Output) => Promise<number>;

const COMMANDS: Record<string, { run: Command; help: string }> = {
  check: { run: runCheck, help: 'check <files|dirs>…   parse, link and validate contracts; exit 1 on errors' },
  compile: { run: runCompile, help: 'compile <file> [--contract <name>]   print the ContractModel JSON' },
};

/** Runs the `parity` command with its arguments and returns the exit code. */
export async function runCli(argv: string[], output: Output): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    output.stdout.write(usage());
    return name ? 0 : 1;
  }
  const command = COMMANDS[name];
  if (!command) {
    output.stderr.write(`parity: unknown command '${name}'.\n\n${usage()}`);
    return 2;
  }
  return command.run(args, output);
}

function usage(): string {
  const lines = Object.values(COMMANDS).map((command) => `  parity ${command.help}`);
  return `${USAGE}\n\nCommands:\n${lines.join('\n')}\n\nRun 'parity <command> --help' for details of one command.\n`;
}
