import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  type Diagnostic,
  type InitializeResult,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-languageserver-protocol/node';

const BIN = join(import.meta.dirname, '../../packages/cli/bin/parity.js');

/** A language client talking to the real `parity lsp --stdio` process. */
export class LspClient {
  readonly connection: ProtocolConnection;
  private readonly diagnostics = new Map<string, Diagnostic[]>();
  private readonly waiters: Array<{
    uri: string;
    test: (d: Diagnostic[]) => boolean;
    resolve: (d: Diagnostic[]) => void;
  }> = [];
  private readonly child: ChildProcess;

  constructor(readonly root: string) {
    this.child = spawn(process.execPath, [BIN, 'lsp', '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
    this.connection = createProtocolConnection(
      new StreamMessageReader(this.child.stdout!),
      new StreamMessageWriter(this.child.stdin!),
    );
    this.connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      this.diagnostics.set(params.uri, params.diagnostics);
      for (const waiter of [...this.waiters]) {
        if (waiter.uri === params.uri && waiter.test(params.diagnostics)) {
          this.waiters.splice(this.waiters.indexOf(waiter), 1);
          waiter.resolve(params.diagnostics);
        }
      }
    });
    this.connection.onRequest('workspace/configuration', () => []);
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.onRequest('workspace/codeLens/refresh', () => null);
    this.connection.onRequest('workspace/inlayHint/refresh', () => null);
    this.connection.onRequest('workspace/semanticTokens/refresh', () => null);
    this.connection.listen();
  }

  uri(file: string): string {
    return pathToFileURL(join(this.root, file)).toString();
  }

  /** Initializes the server as an editor does, and returns its initialize result. */
  async initialize(): Promise<InitializeResult> {
    const result = await this.connection.sendRequest<InitializeResult>('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(this.root).toString(),
      workspaceFolders: [{ uri: pathToFileURL(this.root).toString(), name: 'test' }],
      capabilities: {
        workspace: { configuration: true, workspaceFolders: true },
        textDocument: {
          codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } } },
        },
      },
    });
    await this.connection.sendNotification('initialized', {});
    return result;
  }

  /** Waits for diagnostics of a file that satisfy a test (the next publish, by default). */
  diagnosticsFor(
    file: string,
    test: (d: Diagnostic[]) => boolean = () => true,
    timeout = 20_000,
  ): Promise<Diagnostic[]> {
    const uri = this.uri(file);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(
            new Error(
              `no matching diagnostics for ${file}: last ${JSON.stringify(this.diagnostics.get(uri))}`,
            ),
          ),
        timeout,
      );
      this.waiters.push({
        uri,
        test,
        resolve: (d) => {
          clearTimeout(timer);
          resolve(d);
        },
      });
    });
  }

  async open(file: string, text: string): Promise<void> {
    await this.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri: this.uri(file), languageId: 'parity', version: 1, text },
    });
  }

  async change(file: string, text: string, version: number): Promise<void> {
    await this.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: this.uri(file), version },
      contentChanges: [{ text }],
    });
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.connection.sendRequest(method, params) as Promise<R>;
  }

  async close(): Promise<void> {
    try {
      await this.connection.sendRequest('shutdown');
      await this.connection.sendNotification('exit');
    } finally {
      this.connection.dispose();
      this.child.kill();
    }
  }
}

/** Line and character of the first occurrence of a snippet. */
export function positionIn(
  text: string,
  snippet: string,
  offsetInSnippet = 0,
): { line: number; character: number } {
  const offset = text.indexOf(snippet) + offsetInSnippet;
  if (offset < offsetInSnippet) throw new Error(`not found: ${snippet}`);
  const before = text.slice(0, offset).split('\n');
  return { line: before.length - 1, character: before.at(-1)?.length ?? 0 };
}

/** A semantic token as an editor sees it: where it is, its text, its type and its modifiers by name. */
export interface DecodedToken {
  line: number;
  character: number;
  text: string;
  type: string;
  modifiers: string[];
}

/** Decodes the protocol's relative five-number encoding of semantic tokens against the server's legend. */
export function decodeSemanticTokens(
  data: number[],
  text: string,
  legend: { tokenTypes: string[]; tokenModifiers: string[] },
): DecodedToken[] {
  const lines = text.split('\n');
  const tokens: DecodedToken[] = [];
  let line = 0;
  let character = 0;
  for (let i = 0; i + 4 < data.length; i += 5) {
    const [deltaLine = 0, deltaStart = 0, length = 0, type = 0, bits = 0] = data.slice(i, i + 5);
    line += deltaLine;
    character = deltaLine === 0 ? character + deltaStart : deltaStart;
    tokens.push({
      line,
      character,
      text: (lines[line] ?? '').slice(character, character + length),
      type: legend.tokenTypes[type] ?? `#${type}`,
      modifiers: legend.tokenModifiers.filter((_, bit) => (bits & (1 << bit)) !== 0),
    });
  }
  return tokens;
}
