import {
  DefaultWorkspaceManager,
  type LangiumDocument,
  type LangiumDocumentFactory,
  type LangiumSharedCoreServices,
  type URI,
  type WorkspaceFolder,
} from 'langium';

/** Built-in documents for a workspace: the shared contract library, read wherever it is kept. */
export type LibraryLoader = (folders: readonly WorkspaceFolder[]) => Promise<{ uri: URI; text: string }[]>;

/**
 * The workspace as Parity sees it: the folders' own documents, then the built-in library, so a
 * contract anywhere can import `nhs/organisations`. A workspace document wins over a library
 * document of the same URI.
 */
export class ParityWorkspaceManager extends DefaultWorkspaceManager {
  private readonly factory: LangiumDocumentFactory;

  constructor(
    services: LangiumSharedCoreServices,
    private readonly library?: LibraryLoader,
  ) {
    super(services);
    this.factory = services.workspace.LangiumDocumentFactory;
  }

  protected override async loadAdditionalDocuments(
    folders: WorkspaceFolder[],
    collector: (document: LangiumDocument) => void,
  ): Promise<void> {
    await super.loadAdditionalDocuments(folders, collector);
    if (!this.library) return;
    for (const { uri, text } of await this.library(folders)) {
      if (this.langiumDocuments.hasDocument(uri)) continue;
      collector(this.factory.fromString(text, uri));
    }
  }
}
