import { DefaultLanguageServer, type LangiumSharedServices } from 'langium/lsp';
import type { InitializeParams, InitializeResult } from 'vscode-languageserver';

/** How the server names itself to editors in its initialize result (shown in their logs). */
export interface ServerInfo {
  name: string;
  version?: string;
}

/** The server's name when its entry point does not say otherwise. */
export const PARITY_SERVER_NAME = 'parity-lsp';

/** Langium's language server, answering initialize with the server's name and version. */
export class ParityLanguageServer extends DefaultLanguageServer {
  constructor(
    services: LangiumSharedServices,
    private readonly serverInfo: ServerInfo,
  ) {
    super(services);
  }

  protected override buildInitializeResult(params: InitializeParams): InitializeResult {
    return { ...super.buildInitializeResult(params), serverInfo: this.serverInfo };
  }
}
