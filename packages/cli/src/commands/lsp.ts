import { existsSync } from 'node:fs';
import { LIBRARY_DIR } from '@parity/dsl/node';
import { type Output, wantsHelp } from '../output.js';

const HELP = `Usage: parity lsp --stdio

Starts the Parity language server, speaking the Language Server Protocol on stdin/stdout, for any
editor (Neovim, Helix, Emacs, VS Code…). The shared contract library is built in.
`;

export async function runLsp(args: string[], output: Output): Promise<number> {
  if (
    wantsHelp(args) ||
    !args.some((a) => a === '--stdio' || a === '--node-ipc' || a.startsWith('--socket'))
  ) {
    output.stdout.write(HELP);
    return wantsHelp(args) ? 0 : 2;
  }
  const { startParityLanguageServer } = await import('@parity/lsp');
  startParityLanguageServer(existsSync(LIBRARY_DIR) ? LIBRARY_DIR : undefined);
  // The connection keeps the process alive until the editor asks it to exit.
  return new Promise<number>(() => undefined);
}
