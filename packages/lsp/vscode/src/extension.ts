// The Parity extension: starts the bundled language server and connects VS Code to it.

import { commands, type ExtensionContext, window, workspace } from 'vscode';
import {
  LanguageClient,
  type LanguageClientOptions,
  type ServerOptions,
  TransportKind,
} from 'vscode-languageclient/node';
import { RUN_TESTS_COMMAND, runContractTests } from './contract-tests.js';
import { LIBRARY_SCHEME, LibraryDocuments } from './library-documents.js';

let client: LanguageClient | undefined;

export async function activate(context: ExtensionContext): Promise<void> {
  const server = context.asAbsolutePath('out/server.cjs');
  const serverOptions: ServerOptions = {
    run: { module: server, transport: TransportKind.ipc },
    debug: {
      module: server,
      transport: TransportKind.ipc,
      options: { execArgv: ['--nolazy', '--inspect=6009'] },
    },
  };
  const output = window.createOutputChannel('Parity', { log: true });
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'parity' },
      { scheme: 'untitled', language: 'parity' },
      { scheme: LIBRARY_SCHEME, language: 'parity' },
    ],
    synchronize: { fileEvents: workspace.createFileSystemWatcher('**/*.parity') },
    outputChannel: output,
  };
  client = new LanguageClient('parity', 'Parity', serverOptions, clientOptions);
  context.subscriptions.push(
    output,
    workspace.registerTextDocumentContentProvider(
      LIBRARY_SCHEME,
      new LibraryDocuments(context.asAbsolutePath('library')),
    ),
    commands.registerCommand(RUN_TESTS_COMMAND, (uri?: string, contract?: string) =>
      runContractTests(output, uri, contract),
    ),
  );
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
