import { evaluatePosition, type Position, positionFor } from '@parity/engine';
import { ApiError } from '../errors.js';
import { nodeSha256, primeResultOf } from '../positions/contract-position.js';
import type { Services } from '../services.js';
import { isDemoSubmission, type PlaygroundFeed } from './demo-feeds.js';

export interface PlaygroundEvaluation {
  /** The library path of the open file, e.g. `demo/bradford-smi-cquin.parity`. */
  file: string;
  source: string;
  asOf: string;
}

/**
 * Checks and compiles a contract as it stands in the playground's editor (with the shared
 * library), then evaluates it against a demo contract's stored demo feeds: nothing is stored.
 * The contract evaluated is the one the feed belongs to, or the only one the file declares.
 */
export async function evaluateSource(
  services: Services,
  input: PlaygroundEvaluation,
  feed: PlaygroundFeed,
): Promise<PlaygroundPosition> {
  const outcome = await services.checker.check([{ path: input.file, text: input.source }]);
  const errors = outcome.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) {
    const diagnostics = errors.map((d) => ({ ...d, file: d.file.replace(/^\//, '') }));
    throw new ApiError(
      'invalid-contract',
      `The contract has ${errors.length} error(s): fix them and evaluate again.`,
      diagnostics,
    );
  }
  const model =
    outcome.models.find((m) => m.contract.name === feed.contract) ??
    (outcome.models.length === 1 ? outcome.models[0] : undefined);
  if (!model) {
    const names = outcome.models.map((m) => m.contract.name).join(', ');
    throw new ApiError(
      'invalid-request',
      names
        ? `The file declares several contracts (${names}) and none is ${feed.contract}: open the contract the feed is for.`
        : 'The file declares no contract to evaluate: open a contract, not a library.',
    );
  }
  const loaded = await services.observations(services.db, feed.contract, model, input.asOf, isDemoSubmission);
  const position = await evaluatePosition(model, loaded.observations, {
    asOf: input.asOf,
    // A sub-contract's flow-down reads its prime's stored position as known on the date.
    prime: (await primeResultOf(services, model, input.asOf, undefined))?.result,
    sha256: nodeSha256,
  });
  const body = positionFor(position, { version: 0, submissions: loaded.submissionIds });
  return { ...body, feed: feed.contract, submissions: loaded.submissionIds.length };
}

/** What the playground shows: the position, the demo contract whose feeds it used and how many. */
export type PlaygroundPosition = Position & { feed: string; submissions: number };
