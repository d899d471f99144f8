// A minimal language client for benchmarks: starts `parity lsp --stdio` as its own process and
// speaks JSON-RPC to it with Content-Length framing. No dependencies, so timings include nothing
// but the server and the pipe.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

// PARITY_BIN runs another build of the command (another checkout, to compare two versions).
const BIN = process.env.PARITY_BIN ?? join(import.meta.dirname, '../packages/cli/bin/parity.js');

// Linux reports process CPU time in clock ticks of 1/100 s.
const CLOCK_TICKS = 100;

export class LspStdioClient {
  /** `nodeArgs` go to the server's node process (e.g. `--cpu-prof`). */
  constructor(nodeArgs = []) {
    this.child = spawn(process.execPath, [...nodeArgs, BIN, 'lsp', '--stdio'], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    this.stderr = '';
    this.child.stderr.setEncoding('utf8');
    this.child.stderr.on('data', (chunk) => {
      this.stderr += chunk;
    });
    this.nextId = 1;
    this.pending = new Map();
    this.listeners = new Map();
    this.buffer = Buffer.alloc(0);
    this.child.stdout.on('data', (chunk) => this.receive(chunk));
  }

  /** Calls `listener(params, receivedAt)` for each notification of a method. */
  on(method, listener) {
    this.listeners.set(method, [...(this.listeners.get(method) ?? []), listener]);
  }

  request(method, params) {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.send({ jsonrpc: '2.0', id, method, params });
    });
  }

  notify(method, params) {
    this.send({ jsonrpc: '2.0', method, params });
  }

  async shutdown() {
    await this.request('shutdown');
    this.notify('exit');
    await new Promise((resolve) => {
      if (this.child.exitCode !== null) resolve();
      else this.child.once('exit', resolve);
    });
  }

  /** CPU time the server process has used so far, in ms (Linux; undefined elsewhere). */
  cpuMs() {
    try {
      const fields = readFileSync(`/proc/${this.child.pid}/stat`, 'utf8').split(') ')[1].split(' ');
      return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
    } catch {
      return undefined;
    }
  }

  send(message) {
    const body = Buffer.from(JSON.stringify(message), 'utf8');
    this.child.stdin.write(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`), body]));
  }

  receive(chunk) {
    const receivedAt = performance.now();
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const headerEnd = this.buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const length = Number(/Content-Length: (\d+)/i.exec(this.buffer.subarray(0, headerEnd).toString())[1]);
      if (this.buffer.length < headerEnd + 4 + length) return;
      const message = JSON.parse(
        this.buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString('utf8'),
      );
      this.buffer = this.buffer.subarray(headerEnd + 4 + length);
      this.dispatch(message, receivedAt);
    }
  }

  dispatch(message, receivedAt) {
    if (message.method && message.id !== undefined) {
      // A request from the server (configuration, capability registration, refreshes).
      const result =
        message.method === 'workspace/configuration' ? message.params.items.map(() => null) : null;
      this.send({ jsonrpc: '2.0', id: message.id, result });
    } else if (message.method) {
      for (const listener of this.listeners.get(message.method) ?? []) listener(message.params, receivedAt);
    } else {
      const waiter = this.pending.get(message.id);
      this.pending.delete(message.id);
      if (message.error) waiter?.reject(new Error(message.error.message));
      else waiter?.resolve({ result: message.result, receivedAt });
    }
  }
}
