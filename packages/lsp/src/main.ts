import { startLanguageServer } from 'langium/lsp';
import { NodeFileSystem } from 'langium/node';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { builtInLibrary } from './built-in-library.js';
import { createParityLspServices } from './parity-lsp-module.js';
import { PARITY_REQUEST_STATES } from './request-states.js';

/**
 * Starts the language server on the process's stdio (or IPC when started so by an editor). The
 * shared contract library is loaded as built-in documents, so contracts anywhere can import it.
 */
export function startParityLanguageServer(libraryDir?: string): void {
  const connection = createConnection(ProposedFeatures.all);
  const { shared } = createParityLspServices(
    { connection, ...NodeFileSystem },
    libraryDir ? (folders) => builtInLibrary(libraryDir, folders) : undefined,
  );
  startLanguageServer(shared, PARITY_REQUEST_STATES);
}
