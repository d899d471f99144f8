import { type ContractModel, cumulativeFalls } from '@parity/engine';
import type { Database } from '../db/open.js';
import type { FeedTarget } from './feed-target.js';
import { loadObservations } from './load.js';

/**
 * What the submitter of a cumulative (year-to-date) return is told after it is stored: each figure
 * lower than the month before, or higher than a later month already sent (the engine's rule,
 * `cumulativeFalls`). Nothing for other returns and datasets.
 */
export async function cumulativeWarnings(
  db: Database,
  feed: { contractName: string; model: ContractModel; target: FeedTarget; provider: string; asOf: string },
  months: readonly string[],
): Promise<string[]> {
  const { target } = feed;
  if (target.kind !== 'return' || target.source.overTime.meaning !== 'cumulative') return [];
  const { observations } = await loadObservations(
    db,
    feed.contractName,
    feed.model,
    feed.asOf,
    (s) => s.source === target.name && s.provider === feed.provider,
  );
  const figures = observations.aggregates ?? [];
  return months.flatMap((month) => cumulativeFalls(figures, feed.provider, month));
}
