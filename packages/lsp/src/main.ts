import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type LangiumDocument, URI } from 'langium';
import { startLanguageServer } from 'langium/lsp';
import { NodeFileSystem } from 'langium/node';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { createParityLspServices } from './parity-lsp-module.js';

/**
 * Starts the language server on the process's stdio (or IPC when started so by an editor). The
 * shared contract library is loaded as built-in documents, so contracts anywhere can import it.
 */
export function startParityLanguageServer(libraryDir?: string): void {
  const connection = createConnection(ProposedFeatures.all);
  const { shared } = createParityLspServices({ connection, ...NodeFileSystem });
  if (libraryDir) {
    const workspace = shared.workspace.WorkspaceManager as unknown as { loadAdditionalDocuments: (folders: unknown, collector: (document: LangiumDocument) => void) => Promise<void> };
    const original = workspace.loadAdditionalDocuments.bind(workspace);
    workspace.loadAdditionalDocuments = async (folders, collector) => {
      await original(folders, collector);
      for (const path of await listParity(libraryDir)) {
        const uri = URI.parse(`parity-library:///${path.slice(libraryDir.length + 1)}`);
        if (shared.workspace.LangiumDocuments.hasDocument(uri)) continue;
        collector(shared.workspace.LangiumDocumentFactory.fromString(await readFile(path, 'utf8'), uri));
      }
    };
  }
  startLanguageServer(shared);
}

async function listParity(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { withFileTypes: true });
  const nested = await Promise.all(entries.map((e) => (e.isDirectory() ? listParity(join(directory, e.name)) : Promise.resolve(e.name.endsWith('.parity') ? [join(directory, e.name)] : []))));
  return nested.flat().sort();
}
