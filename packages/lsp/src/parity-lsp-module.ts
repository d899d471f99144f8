import {
  ParityGeneratedSharedModule,
  ParityLanguageGeneratedModule,
  ParityModule,
  registerValidationChecks,
} from '@parity/dsl';
import { inject, type Module } from 'langium';
import {
  createDefaultModule,
  createDefaultSharedModule,
  type DefaultSharedModuleContext,
  type LangiumServices,
  type LangiumSharedServices,
  type PartialLangiumServices,
  type PartialLangiumSharedServices,
} from 'langium/lsp';
import { ParityCodeActionProvider } from './code-actions.js';
import { ParityCodeLensProvider } from './code-lens.js';
import { ParityCompletionProvider } from './completion.js';
import { ParityDocumentBuilder } from './document-builder.js';
import { ParityDocumentSymbolProvider } from './document-symbols.js';
import { ParityDocumentUpdateHandler } from './document-updates.js';
import { ParityDocumentValidator } from './document-validator.js';
import { ParityFoldingRangeProvider } from './folding.js';
import { ParityFormatter } from './formatter.js';
import { ParityHoverProvider } from './hover.js';
import { ParityInlayHintProvider } from './inlay-hints.js';
import { PARITY_SERVER_NAME, ParityLanguageServer, type ServerInfo } from './language-server.js';
import { ParityNodeKindProvider } from './node-kinds.js';
import { ParitySemanticTokenProvider } from './semantic-tokens.js';
import { type LibraryLoader, ParityWorkspaceManager } from './workspace-manager.js';
import { ParityWorkspaceSymbolProvider } from './workspace-symbols.js';

/** The editor services the Parity language adds to Langium's. */
export const ParityLspModule: Module<LangiumServices, PartialLangiumServices> = {
  lsp: {
    CompletionProvider: (services) => new ParityCompletionProvider(services),
    Formatter: () => new ParityFormatter(),
    HoverProvider: (services) => new ParityHoverProvider(services),
    InlayHintProvider: () => new ParityInlayHintProvider(),
    CodeActionProvider: (services) => new ParityCodeActionProvider(services),
    CodeLensProvider: (services) => new ParityCodeLensProvider(services),
    SemanticTokenProvider: (services) => new ParitySemanticTokenProvider(services),
    DocumentSymbolProvider: () => new ParityDocumentSymbolProvider(),
    FoldingRangeProvider: (services) => new ParityFoldingRangeProvider(services),
  },
  validation: {
    DocumentValidator: (services) => new ParityDocumentValidator(services),
  },
};

/** The editor services shared by every document: symbol kinds and workspace symbol search. */
export const ParitySharedLspModule: Module<LangiumSharedServices, PartialLangiumSharedServices> = {
  lsp: {
    NodeKindProvider: () => new ParityNodeKindProvider(),
    WorkspaceSymbolProvider: (services) => new ParityWorkspaceSymbolProvider(services),
    DocumentUpdateHandler: (services) => new ParityDocumentUpdateHandler(services),
  },
  workspace: {
    DocumentBuilder: (services) => new ParityDocumentBuilder(services),
  },
};

export interface ParityLspServices {
  shared: LangiumSharedServices;
  Parity: LangiumServices;
}

/**
 * The language with every editor feature, for the language server (over stdio or in a worker).
 * With a `library`, the workspace also loads the shared contract library as built-in documents;
 * `serverInfo` is how the server names itself when an editor connects.
 */
export function createParityLspServices(
  context: DefaultSharedModuleContext,
  library?: LibraryLoader,
  serverInfo: ServerInfo = { name: PARITY_SERVER_NAME },
): ParityLspServices {
  const shared = inject(
    createDefaultSharedModule(context),
    ParityGeneratedSharedModule,
    ParitySharedLspModule,
    {
      lsp: {
        LanguageServer: (services: LangiumSharedServices) => new ParityLanguageServer(services, serverInfo),
      },
      workspace: {
        WorkspaceManager: (services: LangiumSharedServices) => new ParityWorkspaceManager(services, library),
      },
    },
  );
  const Parity = inject(
    createDefaultModule({ shared }),
    ParityLanguageGeneratedModule,
    ParityModule as Module<LangiumServices, PartialLangiumServices>,
    ParityLspModule,
  );
  shared.ServiceRegistry.register(Parity);
  registerValidationChecks(Parity);
  return { shared, Parity };
}
