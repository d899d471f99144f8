import type { LangiumDocument, WorkspaceFolder } from 'langium';
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
  const { shared } = createParityLspServices({ connection, ...NodeFileSystem });
  if (libraryDir) {
    const workspace = shared.workspace.WorkspaceManager as unknown as {
      loadAdditionalDocuments: (
        folders: WorkspaceFolder[],
        collector: (document: LangiumDocument) => void,
      ) => Promise<void>;
    };
    const original = workspace.loadAdditionalDocuments.bind(workspace);
    workspace.loadAdditionalDocuments = async (folders, collector) => {
      await original(folders, collector);
      for (const { uri, text } of await builtInLibrary(libraryDir, folders)) {
        if (shared.workspace.LangiumDocuments.hasDocument(uri)) continue;
        collector(shared.workspace.LangiumDocumentFactory.fromString(text, uri));
      }
    };
  }
  startLanguageServer(shared, PARITY_REQUEST_STATES);
}
