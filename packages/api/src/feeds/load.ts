import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import type { AggregateObservation, ContractModel, Observations, RecordRow } from '@parity/engine';
import { asc, eq } from 'drizzle-orm';
import type { Database } from '../db/open.js';
import { submissionBlocks } from '../db/schema.js';
import { linesOf, readsAggregate, recordsOfBlock } from './stored-rows.js';
import { type SubmissionRecord, standingSubmissions } from './submissions.js';

const gunzipAsync = promisify(gunzip);

/**
 * The observations known for a contract at an as-of date: for each provider, source and period,
 * the latest submission made on or before that date; record-level rows are streamed from storage.
 * `submissionIds` identifies the data set, for caching positions.
 *
 * Record rows are read lazily, one block (about 10,000 rows) at a time, each time the iterable is
 * iterated; aggregate observations are few and read at once. The engine compares `submittedAt`
 * with the as-of date as dates, so observations carry the submission's date, and are ordered by
 * submission time so that, of two on the same day, the later one wins. `only` limits which
 * submissions count, as in `standingSubmissions`.
 */
export async function loadObservations(
  db: Database,
  contractName: string,
  model: ContractModel,
  asOf: string,
  only?: (submission: SubmissionRecord) => boolean,
): Promise<{ observations: Observations; submissionIds: string[] }> {
  const standing = await standingSubmissions(db, contractName, `${asOf}T23:59:59.999Z`, only);
  const datasets = new Map(model.datasets.map((d) => [d.name, d]));
  const returns = new Set(model.returns.map((r) => r.name));
  const used = standing.filter((s) => datasets.has(s.source) || returns.has(s.source));
  const reads = readsAggregate(model);
  const aggregates: AggregateObservation[] = [];
  for (const submission of used.filter((s) => returns.has(s.source))) {
    for await (const block of blocksOf(db, submission)) {
      for (const line of linesOf(block)) {
        const observation = JSON.parse(line) as AggregateObservation;
        if (!reads(observation)) continue;
        aggregates.push({ ...observation, submittedAt: submission.submittedAt.slice(0, 10) });
      }
    }
  }
  const records: Record<string, AsyncIterable<RecordRow>> = {};
  for (const [name, dataset] of datasets) {
    const sources = used.filter((s) => s.source === name);
    const fields = new Set(dataset.fields.map((f) => f.name));
    if (sources.length > 0) records[name] = recordRows(db, sources, fields, dataset.datedBy === undefined);
  }
  return { observations: { aggregates, records }, submissionIds: used.map((s) => s.id).sort() };
}

/**
 * Which submissions `loadObservations` would read, without reading them: enough to tell whether
 * a position computed before is still the answer.
 */
export async function standingSubmissionIds(
  db: Database,
  contractName: string,
  model: ContractModel,
  asOf: string,
): Promise<string[]> {
  const sources = new Set([...model.datasets.map((d) => d.name), ...model.returns.map((r) => r.name)]);
  const standing = await standingSubmissions(db, contractName, `${asOf}T23:59:59.999Z`);
  return standing
    .filter((s) => sources.has(s.source))
    .map((s) => s.id)
    .sort();
}

/** The rows of a dataset's submissions, block by block; each iteration reads them afresh. */
function recordRows(
  db: Database,
  sources: SubmissionRecord[],
  fields: Set<string>,
  snapshot: boolean,
): AsyncIterable<RecordRow> {
  return {
    async *[Symbol.asyncIterator]() {
      for (const submission of sources) {
        for await (const block of blocksOf(db, submission))
          yield* recordsOfBlock(block, fields, submission, snapshot);
      }
    },
  };
}

/** A submission's blocks in order, decompressed, one in memory at a time. */
async function* blocksOf(db: Database, submission: SubmissionRecord): AsyncGenerator<string> {
  const sequences = await db
    .select({ sequence: submissionBlocks.sequence })
    .from(submissionBlocks)
    .where(eq(submissionBlocks.submissionId, submission.id))
    .orderBy(asc(submissionBlocks.sequence));
  for (const { sequence } of sequences) {
    const result = await db.$client.execute({
      sql: 'SELECT data FROM submission_blocks WHERE submission_id = ? AND sequence = ?',
      args: [submission.id, sequence],
    });
    const data = result.rows[0]?.data;
    if (!(data instanceof ArrayBuffer) && !ArrayBuffer.isView(data))
      throw new Error(`block ${sequence} of submission ${submission.id} is missing`);
    const bytes =
      data instanceof ArrayBuffer
        ? new Uint8Array(data)
        : new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    yield (await gunzipAsync(bytes)).toString('utf8');
  }
}
