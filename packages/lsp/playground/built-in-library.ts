import { type LangiumDocument, type LangiumSharedCoreServices, URI } from 'langium';
import { type LibraryFile, libraryUri } from './library-files.js';

/**
 * Loads the contract library as built-in documents when the workspace starts, so imports such as
 * `import "nhs/measures/smi"` resolve with no file system. A file the editor has opened already
 * keeps the editor's text.
 */
export function preloadLibrary(shared: LangiumSharedCoreServices, files: readonly LibraryFile[]): void {
  const workspace = shared.workspace.WorkspaceManager as unknown as {
    loadAdditionalDocuments: (
      folders: unknown,
      collector: (document: LangiumDocument) => void,
    ) => Promise<void>;
  };
  const original = workspace.loadAdditionalDocuments.bind(workspace);
  workspace.loadAdditionalDocuments = async (folders, collector) => {
    await original(folders, collector);
    for (const file of files) {
      const uri = URI.parse(libraryUri(file.path));
      if (shared.workspace.LangiumDocuments.hasDocument(uri)) continue;
      collector(shared.workspace.LangiumDocumentFactory.fromString(file.text, uri));
    }
  };
}
