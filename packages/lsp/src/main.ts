import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startLanguageServer } from 'langium/lsp';
import { NodeFileSystem } from 'langium/node';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { builtInLibrary } from './built-in-library.js';
import { PARITY_SERVER_NAME, type ServerInfo } from './language-server.js';
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
    serverInfo(),
  );
  startLanguageServer(shared, PARITY_REQUEST_STATES);
}

/**
 * The server's name and the version of the package it was started from: the manifest beside the
 * built code (packages/lsp, or the VS Code extension whose bundle holds the server).
 */
function serverInfo(): ServerInfo {
  const manifest = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'package.json'), 'utf8')) as {
    version: string;
  };
  return { name: PARITY_SERVER_NAME, version: manifest.version };
}
