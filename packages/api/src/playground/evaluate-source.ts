import {
  type ContractModel,
  DomainError,
  type DomainErrorCode,
  type Position,
  type RecordRow,
  type RecordSource,
} from '@parity/engine';
import { ApiError } from '../errors.js';
import { primeResultOf } from '../positions/contract-position.js';
import type { Services } from '../services.js';
import { isDemoSubmission, type PlaygroundFeed } from './demo-feeds.js';
import type { PlaygroundAnswer } from './evaluation-worker.js';
import { PlaygroundEvaluator } from './evaluator.js';

export interface PlaygroundEvaluation {
  /** The library path of the open file, e.g. `demo/bradford-smi-cquin.parity`. */
  file: string;
  source: string;
  asOf: string;
}

/** Most measures a contract evaluated in the playground may have: the demo contracts have a dozen or so. */
export const MAX_PLAYGROUND_MEASURES = 200;
/** Most rows of demo feeds one playground evaluation reads: the whole demo year is some tens of thousands. */
export const MAX_PLAYGROUND_ROWS = 500_000;

/** The service's playground worker (one per process: it holds the language and library loaded). */
const evaluator = new PlaygroundEvaluator();

/**
 * Checks and compiles a contract as it stands in the playground's editor (with the shared
 * library), then evaluates it against a demo contract's stored demo feeds: nothing is stored.
 * The contract evaluated is the one the feed belongs to, or the only one the file declares. The
 * language and the engine run in the playground's worker, within its time and memory budget;
 * the service reads the demo feeds for it.
 */
export function evaluateSource(
  services: Services,
  input: PlaygroundEvaluation,
  feed: PlaygroundFeed,
  playground: PlaygroundEvaluator = evaluator,
): Promise<PlaygroundPosition> {
  return playground.run(async (ask) => {
    const model = checkedModel(
      await ask({ kind: 'check', file: input.file, source: input.source, feed: feed.contract }),
      feed,
    );
    const loaded = await services.observations(
      services.db,
      feed.contract,
      model,
      input.asOf,
      isDemoSubmission,
    );
    const aggregates = loaded.observations.aggregates ?? [];
    const records = await rowsOf(loaded.observations.records ?? {}, MAX_PLAYGROUND_ROWS - aggregates.length);
    // A sub-contract's flow-down reads its prime's stored position as known on the date.
    const prime = (await primeResultOf(services, model, input.asOf, undefined))?.result;
    const answer = await ask({
      kind: 'evaluate',
      model,
      aggregates,
      records,
      asOf: input.asOf,
      prime,
      submissions: loaded.submissionIds,
    });
    if (answer.kind !== 'evaluated') throw failure(answer);
    return { ...answer.position, feed: feed.contract, submissions: loaded.submissionIds.length };
  });
}

/** The model to evaluate from the worker's check, or the refusal: errors, no contract, too many measures. */
function checkedModel(answer: PlaygroundAnswer, feed: PlaygroundFeed): ContractModel {
  if (answer.kind !== 'checked') throw failure(answer);
  if (answer.errors.length > 0)
    throw new ApiError(
      'invalid-contract',
      `The contract has ${answer.errors.length} error(s): fix them and evaluate again.`,
      answer.errors,
    );
  if (!answer.model) {
    const names = answer.contracts.join(', ');
    throw new ApiError(
      'invalid-request',
      names
        ? `The file declares several contracts (${names}) and none is ${feed.contract}: open the contract the feed is for.`
        : 'The file declares no contract to evaluate: open a contract, not a library.',
    );
  }
  if (answer.model.measures.length > MAX_PLAYGROUND_MEASURES)
    throw new ApiError(
      'payload-too-large',
      `The contract has ${answer.model.measures.length} measures; the playground evaluates contracts of up to ${MAX_PLAYGROUND_MEASURES}. Evaluate the whole contract with parity eval.`,
    );
  return answer.model;
}

/** Each dataset's rows, read into lists for the worker, refused past `limit` rows in all. */
async function rowsOf(
  sources: Record<string, RecordSource>,
  limit: number,
): Promise<Record<string, RecordRow[]>> {
  const records: Record<string, RecordRow[]> = {};
  let count = 0;
  for (const [name, source] of Object.entries(sources)) {
    const rows: RecordRow[] = [];
    for await (const row of source) {
      if (++count > limit)
        throw new ApiError(
          'payload-too-large',
          `The demo feeds this contract reads hold more than the ${MAX_PLAYGROUND_ROWS} rows the playground evaluates.`,
        );
      rows.push(row);
    }
    records[name] = rows;
  }
  return records;
}

/** The worker's refusal as the engine's own error, or its failure as an internal one. */
function failure(answer: PlaygroundAnswer): Error {
  if (answer.kind === 'refused')
    return new DomainError(answer.code as DomainErrorCode, answer.message, answer.details);
  return new Error(answer.kind === 'failed' ? answer.message : `unexpected answer ${answer.kind}`);
}

/** What the playground shows: the position, the demo contract whose feeds it used and how many. */
export type PlaygroundPosition = Position & { feed: string; submissions: number };
