import { createHash } from 'node:crypto';
import { type MessagePort, parentPort } from 'node:worker_threads';
import { readLibrary } from '@parity/dsl/node';
import {
  type AggregateObservation,
  type ContractModel,
  DomainError,
  evaluatePosition,
  type Position,
  type PrimeResult,
  positionFor,
  type RecordRow,
} from '@parity/engine';
import { ContractChecker } from '../contracts/checker.js';

/** What the service asks of the playground's worker. */
export type PlaygroundOrder =
  | { kind: 'check'; file: string; source: string; feed: string }
  | {
      kind: 'evaluate';
      model: ContractModel;
      aggregates: AggregateObservation[];
      records: Record<string, RecordRow[]>;
      asOf: string;
      prime: PrimeResult | undefined;
      submissions: string[];
    };

/** What the worker answers: ready once loaded, then one answer to each order. */
export type PlaygroundAnswer =
  | { kind: 'ready' }
  | { kind: 'checked'; errors: unknown[]; model?: ContractModel; contracts: string[] }
  | { kind: 'evaluated'; position: Position }
  | { kind: 'refused'; code: string; message: string; details?: Record<string, unknown> }
  | { kind: 'failed'; message: string };

/**
 * The playground's worker: checks, compiles and evaluates contracts sent by anyone, in a thread
 * of its own with a memory limit, so that a contract heavy enough to take a minute neither stalls
 * the service's other requests nor exhausts its memory; the service terminates it past its budget.
 * It loads the language and the shared library once, and answers one order at a time.
 */
async function serve(port: MessagePort): Promise<void> {
  const checker = new ContractChecker(await readLibrary());
  const answer = (message: PlaygroundAnswer) => port.postMessage(message);
  port.on('message', (order: PlaygroundOrder) => {
    run(checker, order).then(answer, (error: unknown) => {
      if (error instanceof DomainError)
        answer({ kind: 'refused', code: error.code, message: error.message, details: error.details });
      else answer({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
    });
  });
  answer({ kind: 'ready' });
}

async function run(checker: ContractChecker, order: PlaygroundOrder): Promise<PlaygroundAnswer> {
  if (order.kind === 'check') {
    const outcome = await checker.check([{ path: order.file, text: order.source }]);
    const errors = outcome.diagnostics
      .filter((d) => d.severity === 'error')
      .map((d) => ({ ...d, file: d.file.replace(/^\//, '') }));
    // The contract evaluated is the one the feed belongs to, or the only one the file declares.
    const model =
      outcome.models.find((m) => m.contract.name === order.feed) ??
      (outcome.models.length === 1 ? outcome.models[0] : undefined);
    return { kind: 'checked', errors, model, contracts: outcome.models.map((m) => m.contract.name) };
  }
  const position = await evaluatePosition(
    order.model,
    { aggregates: order.aggregates, records: order.records },
    { asOf: order.asOf, prime: order.prime, sha256: () => createHash('sha256') },
  );
  return {
    kind: 'evaluated',
    position: positionFor(position, { version: 0, submissions: order.submissions }),
  };
}

if (parentPort) await serve(parentPort);
