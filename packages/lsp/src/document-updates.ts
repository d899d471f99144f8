import { type TextDocument, URI } from 'langium';
import { DefaultDocumentUpdateHandler, type LangiumSharedServices } from 'langium/lsp';
import type { TextDocumentChangeEvent } from 'vscode-languageserver';

/**
 * Keeps the workspace consistent as editors open, change and close documents, and never lets a
 * failed rebuild take the server down.
 *
 * A document closed in the editor is read from disk from then on: closed without saving, its saved
 * text (and that text's diagnostics) stand again. One that is not on disk (a new file closed without
 * saving, or one deleted while open) has nothing left to read, so it is dropped from the workspace
 * as if deleted; otherwise the next rebuild would try to read it and fail.
 */
export class ParityDocumentUpdateHandler extends DefaultDocumentUpdateHandler {
  private readonly fileSystem: LangiumSharedServices['workspace']['FileSystemProvider'];
  private readonly openDocuments: LangiumSharedServices['workspace']['TextDocuments'];

  constructor(services: LangiumSharedServices) {
    super(services);
    this.fileSystem = services.workspace.FileSystemProvider;
    this.openDocuments = services.workspace.TextDocuments;
  }

  async didCloseDocument(event: TextDocumentChangeEvent<TextDocument>): Promise<void> {
    const uri = URI.parse(event.document.uri);
    if (uri.scheme !== 'file' && uri.scheme !== 'untitled') return;
    const onDisk = uri.scheme === 'file' && (await this.fileSystem.exists(uri).catch(() => false));
    // Opened again while the disk was being checked: the editor's text stands.
    if (this.openDocuments?.get(event.document.uri)) return;
    if (onDisk) this.fireDocumentUpdate([uri], []);
    else this.fireDocumentUpdate([], [uri]);
  }

  protected override fireDocumentUpdate(changed: URI[], deleted: URI[]): void {
    this.workspaceManager.ready
      .then(() => this.workspaceLock.write((token) => this.documentBuilder.update(changed, deleted, token)))
      .catch((error) => console.error('Could not bring the workspace up to date:', error));
  }
}
