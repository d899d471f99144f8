import {
  ExtractRows,
  FeedBody,
  FeedErrors,
  type FeedTarget,
  findTarget,
  ingestFeed,
  NO_EXTRACT_ROWS,
  problemOf,
  readObjects,
  readTable,
  targetNames,
} from '@parity/api';
import {
  type AggregateObservation,
  type ContractModel,
  feedMonthProblem,
  type Observations,
} from '@parity/engine';
import { UsageError } from '../output.js';
import type { DataFile } from './data-files.js';
import { observationsOf } from './feed-observations.js';
import { fileStream } from './file-stream.js';
import type { Progress } from './progress.js';

/** A feed file refused by its dataset's or return's checks: each error with its file, row and column. */
export class FeedRefusal extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
  }
}

/** One provider's rows of one source for one month, read from a file as the service reads a feed. */
export interface LocalPart {
  source: string;
  provider: string;
  period: string;
  path: string;
  /** A dataset's checked rows, as the service stores them (gzipped blocks); or a return's figures. */
  blocks?: () => AsyncIterable<{ data: Uint8Array }>;
  figures?: readonly Omit<AggregateObservation, 'provider' | 'submittedAt'>[];
}

/** What `readLocalFeeds` gives: the engine's observations, the parts they came from, and cleanup. */
export interface LocalObservations {
  observations: Observations;
  parts: LocalPart[];
  dispose(): Promise<void>;
}

/**
 * Reads local feed files through the service's own feed checks: a file for one month
 * (`Dataset@2026-04=file`) as a feed for that month from `provider`; any other file as an extract,
 * split by its provider column and each row's month. A month not in the term or not begun by
 * `asOf` is refused as the service refuses it on that day. Two files for the same source,
 * provider and month are refused: give the one that stands.
 */
export async function readLocalFeeds(
  model: ContractModel,
  files: readonly DataFile[],
  options: { provider: () => string; asOf: string; progress: Progress },
): Promise<LocalObservations> {
  const parts: LocalPart[] = [];
  const cleanups: (() => Promise<void>)[] = [];
  try {
    for (const file of files) {
      const target = findTarget(model, file.source);
      if (!target)
        throw new UsageError(
          `${model.contract.name} has no dataset or aggregate return named ${file.source}; feeds go to ${targetNames(model).join(', ') || 'none'}`,
        );
      const body = new FeedBody(fileStream(file.path, options.progress), Number.MAX_SAFE_INTEGER);
      const read =
        file.month === undefined
          ? await readExtract(model, target, file, body, options.asOf)
          : await readFeed(model, target, { ...file, month: file.month }, body, options);
      cleanups.push(read.dispose);
      for (const part of read.parts) {
        const same = parts.find(
          (p) => p.source === part.source && p.provider === part.provider && p.period === part.period,
        );
        if (same)
          throw new UsageError(
            `${same.path} and ${part.path} both hold ${part.source} for ${part.provider} in ${part.period}: give only the one that stands`,
          );
        parts.push(part);
      }
    }
  } catch (error) {
    await Promise.all(cleanups.map((cleanup) => cleanup()));
    throw error;
  } finally {
    options.progress.stop();
  }
  parts.sort((a, b) => a.provider.localeCompare(b.provider) || a.period.localeCompare(b.period));
  return {
    observations: observationsOf(model, parts, options.asOf),
    parts,
    dispose: async () => {
      await Promise.all(cleanups.map((cleanup) => cleanup()));
    },
  };
}

/** A file for one month: read exactly as `POST /contracts/{name}/feeds/{source}?period=` reads it. */
async function readFeed(
  model: ContractModel,
  target: FeedTarget,
  file: DataFile & { month: string },
  body: FeedBody,
  options: { provider: () => string; asOf: string },
) {
  const problem = feedMonthProblem(model, file.month, options.asOf);
  if (problem) throw new FeedRefusal([`${file.path}: ${problem}`]);
  const provider = options.provider();
  const outcome = await ingestFeed({ body, format: file.format, target, model, period: file.month });
  if (!outcome.ok) throw new FeedRefusal(problemsOf(file.path, outcome.errors));
  const { stored } = outcome;
  const part: LocalPart = { source: target.name, provider, period: file.month, path: file.path };
  if (stored.kind === 'records') part.blocks = () => stored.spool.blocks();
  else part.figures = stored.figures;
  return {
    parts: [part],
    dispose: async () => {
      if (stored.kind === 'records') await stored.spool.dispose();
    },
  };
}

/** A file of many providers and months: split as `POST /contracts/{name}/extracts/{source}` splits it. */
async function readExtract(
  model: ContractModel,
  target: FeedTarget,
  file: DataFile,
  body: FeedBody,
  asOf: string,
) {
  const providers = providersOf(model);
  const errors = new FeedErrors();
  const reader = new ExtractRows(target, model, errors, {
    refusal: (provider) =>
      providers.includes(provider)
        ? undefined
        : `${provider} is not a provider of ${model.contract.name} (its providers are ${providers.join(', ')})`,
    periodProblem: (month) => feedMonthProblem(model, month, asOf),
  });
  try {
    const rows =
      file.format === 'csv' || file.format === 'xlsx'
        ? await readTable({ body, format: file.format }, reader, errors, reader)
        : await readObjects({ body, format: file.format }, reader, errors, reader);
    if (!errors.any && rows === 0) errors.add(0, '', NO_EXTRACT_ROWS);
  } catch (error) {
    errors.add(0, '', problemOf(error, file.format));
  }
  if (errors.any) {
    await reader.discard();
    throw new FeedRefusal(problemsOf(file.path, errors));
  }
  const parts: LocalPart[] = [];
  for (const extractPart of reader.all()) {
    const part: LocalPart = {
      source: target.name,
      provider: extractPart.provider,
      period: extractPart.period,
      path: file.path,
    };
    if (extractPart.writer) {
      const spool = await extractPart.writer.finish();
      part.blocks = () => spool.blocks();
    } else part.figures = extractPart.reader.rows ?? [];
    parts.push(part);
  }
  return { parts, dispose: () => reader.discard() };
}

/** The organisations that send feeds as providers: every party but the commissioners. */
export function providersOf(model: ContractModel): string[] {
  return model.contract.parties.filter((p) => p.role !== 'commissioner').map((p) => p.ods);
}

/** A refused feed's errors, one line each, naming the file, row and column. */
function problemsOf(path: string, errors: FeedErrors): string[] {
  const lines = errors.listed.map((e) =>
    e.row === 0 && e.column === ''
      ? `${path}: ${e.message}`
      : `${path}, ${e.row === 0 ? 'header' : `row ${e.row}`}${e.column ? `, column '${e.column}'` : ''}: ${e.message}`,
  );
  if (errors.total > errors.listed.length)
    lines.push(`${path}: ${errors.total} errors in all; the first ${errors.listed.length} are listed`);
  return lines;
}
