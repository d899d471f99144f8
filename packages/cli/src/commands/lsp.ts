import { existsSync } from 'node:fs';
import { LIBRARY_DIR } from '@parity/dsl/node';
import { parseCommandArgs } from '../args.js';
import type { Output } from '../output.js';

const HELP = `Usage: parity lsp --stdio

Starts the Parity language server, speaking the Language Server Protocol on stdin/stdout, for any
editor (Neovim, Helix, Emacs, VS Code…). The shared contract library is built in.
`;

export async function runLsp(args: string[], output: Output): Promise<number> {
  // The transports an editor may ask for; the language server reads the chosen one itself.
  const parsed = parseCommandArgs(args, {
    stdio: { type: 'boolean' },
    'node-ipc': { type: 'boolean' },
    socket: { type: 'string' },
    clientProcessId: { type: 'string' },
  });
  const { stdio, 'node-ipc': ipc, socket } = parsed.values;
  if (parsed.help || !(stdio || ipc || socket)) {
    output.stdout.write(HELP);
    return parsed.help ? 0 : 2;
  }
  const { startParityLanguageServer } = await import('@parity/lsp');
  startParityLanguageServer(existsSync(LIBRARY_DIR) ? LIBRARY_DIR : undefined);
  // The connection keeps the process alive until the editor asks it to exit.
  return new Promise<number>(() => undefined);
}
