import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  type Diagnostic,
  type LogMessageParams,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  StreamMessageReader,
  StreamMessageWriter,
  type TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol/node';

const BIN = join(import.meta.dirname, '../../packages/cli/bin/parity.js');

/** JSON-RPC error codes that mean "asked again later", not "the handler failed". */
const BENIGN_ERROR_CODES = new Set([-32800 /* request cancelled */, -32801 /* content modified */]);

/**
 * The real `parity lsp --stdio` process, watched for anything that looks like a crash: output on
 * stderr, errors logged to the client, a validation check that threw, a request that failed, or the
 * process exiting. Every send and wait is bounded by a timeout, so a hang fails instead of stalling.
 */
export class FuzzServer {
  readonly connection: ProtocolConnection;
  readonly crashes: string[] = [];
  private readonly child: ChildProcess;
  private readonly published = new Map<string, number>();
  private readonly latest = new Map<string, Diagnostic[]>();
  private readonly waiters = new Map<string, Array<{ count: number; resolve: () => void }>>();
  private readonly versions = new Map<string, number>();
  private stderr = '';

  constructor(readonly root: string) {
    this.child = spawn(process.execPath, [BIN, 'lsp', '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stderr?.setEncoding('utf8');
    this.child.stderr?.on('data', (chunk: string) => {
      this.stderr += chunk;
    });
    this.child.on('exit', (code, signal) => {
      this.crashes.push(`server exited (code ${code}, signal ${signal})`);
    });
    this.connection = createProtocolConnection(
      new StreamMessageReader(this.child.stdout!),
      new StreamMessageWriter(this.child.stdin!),
    );
    this.connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) =>
      this.onDiagnostics(params),
    );
    this.connection.onNotification('window/logMessage', (params: LogMessageParams) => {
      if (params.type === 1) this.crashes.push(`error logged: ${params.message.slice(0, 2000)}`);
    });
    this.connection.onRequest('workspace/configuration', (params: { items: unknown[] }) =>
      params.items.map(() => null),
    );
    for (const method of [
      'client/registerCapability',
      'workspace/codeLens/refresh',
      'workspace/inlayHint/refresh',
      'workspace/semanticTokens/refresh',
    ]) {
      this.connection.onRequest(method, () => null);
    }
    this.connection.listen();
  }

  uri(file: string): string {
    return pathToFileURL(join(this.root, file)).toString();
  }

  async initialize(): Promise<void> {
    const root = pathToFileURL(this.root).toString();
    await this.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: root,
      workspaceFolders: [{ uri: root, name: 'fuzz' }],
      capabilities: { workspace: { configuration: true, workspaceFolders: true } },
    });
    await this.connection.sendNotification('initialized', {});
  }

  /** Crash output so far: stderr and everything recorded in `crashes`. */
  problems(): string[] {
    return [...this.crashes, ...(this.stderr.trim() ? [`stderr: ${this.stderr.slice(0, 4000)}`] : [])];
  }

  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** The number of diagnostics publications seen for a document, to wait for the next one. */
  publications(uri: string): number {
    return this.published.get(uri) ?? 0;
  }

  diagnostics(uri: string): Diagnostic[] {
    return this.latest.get(uri) ?? [];
  }

  /** Resolves once the document has had more than `seen` publications; rejects after `timeout` ms. */
  publishedAfter(uri: string, seen: number, timeout: number): Promise<void> {
    if (this.publications(uri) > seen) return Promise.resolve();
    return withTimeout(
      new Promise<void>((resolve) => {
        this.waiters.set(uri, [...(this.waiters.get(uri) ?? []), { count: seen, resolve }]);
      }),
      timeout,
      `no diagnostics published for ${uri} within ${timeout} ms`,
    );
  }

  async open(uri: string, text: string): Promise<void> {
    this.versions.set(uri, 1);
    await this.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'parity', version: 1, text },
    });
  }

  async change(uri: string, contentChanges: TextDocumentContentChangeEvent[]): Promise<void> {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    await this.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges,
    });
  }

  async close(uri: string): Promise<void> {
    this.versions.delete(uri);
    await this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  /** Sends a request and waits for its answer; an error answer other than a cancellation is a crash. */
  async request<R>(method: string, params: unknown, timeout: number): Promise<R | undefined> {
    try {
      return await withTimeout(
        this.connection.sendRequest(method, params) as Promise<R>,
        timeout,
        `${method} not answered within ${timeout} ms`,
      );
    } catch (error) {
      const code = (error as { code?: number }).code;
      if (code !== undefined && BENIGN_ERROR_CODES.has(code)) return undefined;
      if (code !== undefined) this.crashes.push(`${method} failed: ${(error as Error).message}`);
      throw error;
    }
  }

  async stop(): Promise<void> {
    try {
      await withTimeout(this.connection.sendRequest('shutdown'), 5_000, 'shutdown not answered');
      await this.connection.sendNotification('exit');
    } catch {
      // Killed below.
    } finally {
      this.child.removeAllListeners('exit');
      this.connection.dispose();
      this.child.kill();
    }
  }

  private onDiagnostics(params: PublishDiagnosticsParams): void {
    this.published.set(params.uri, this.publications(params.uri) + 1);
    this.latest.set(params.uri, params.diagnostics);
    for (const diagnostic of params.diagnostics) {
      // Langium reports a validation check that threw as a diagnostic of this form.
      const message = String(diagnostic.message);
      if (/An error occurred during (validation|set-up|tear-down)/.test(message)) {
        this.crashes.push(`a check threw in ${params.uri}: ${message}`);
      }
    }
    const waiting = this.waiters.get(params.uri) ?? [];
    const done = waiting.filter((w) => this.publications(params.uri) > w.count);
    this.waiters.set(
      params.uri,
      waiting.filter((w) => !done.includes(w)),
    );
    for (const waiter of done) waiter.resolve();
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
