import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { readsAggregate, recordsOfBlock } from '@parity/api';
import type { AggregateObservation, ContractModel, Observations, RecordRow } from '@parity/engine';
import type { LocalPart } from './local-feeds.js';

const gunzipAsync = promisify(gunzip);

/** The engine's observations from the parts read: records streamed block by block, as the service's are. */
export function observationsOf(
  model: ContractModel,
  parts: readonly LocalPart[],
  asOf: string,
): Observations {
  const reads = readsAggregate(model);
  const aggregates = parts.flatMap((part) =>
    (part.figures ?? [])
      .map((figure): AggregateObservation => ({ ...figure, provider: part.provider, submittedAt: asOf }))
      .filter(reads),
  );
  const records: Record<string, AsyncIterable<RecordRow>> = {};
  for (const dataset of model.datasets) {
    const sources = parts.filter((p) => p.source === dataset.name && p.blocks);
    if (sources.length === 0) continue;
    const fields = new Set(dataset.fields.map((f) => f.name));
    const snapshot = dataset.datedBy === undefined;
    records[dataset.name] = {
      async *[Symbol.asyncIterator]() {
        for (const part of sources)
          for await (const block of part.blocks?.() ?? []) {
            const text = (await gunzipAsync(block.data)).toString('utf8');
            yield* recordsOfBlock(text, fields, part, snapshot);
          }
      },
    };
  }
  return { aggregates, records };
}
