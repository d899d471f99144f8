import { createReadStream } from 'node:fs';
import { access, readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { Readable } from 'node:stream';
import { type ContractModel, feedMonthProblem, type SubmittedBy } from '@parity/engine';
import { today } from './clock.js';
import { modelOf, versionInForce } from './contracts/store.js';
import { acceptFeed } from './feeds/accept-feed.js';
import { FeedBody } from './feeds/body-stream.js';
import { type FeedFormat, findTarget, submittedSource } from './feeds/feed-target.js';
import type { Services } from './services.js';

/** The repository's demo feeds: examples/feeds, with manifest.json listing them in order. */
export const FEEDS_DIR = join(import.meta.dirname, '../../../examples/feeds');

interface DemoFeed {
  contract: string;
  source: string;
  period: string;
  provider: string;
  file: string;
}

const FORMATS: Record<string, FeedFormat> = {
  '.csv': 'csv',
  '.xlsx': 'xlsx',
  '.json': 'json',
  '.ndjson': 'ndjson',
};

/**
 * Submits every demo feed listed in the manifest, each as whoever the contract says submits it (its provider by default), through the same checks
 * and storage as POST /contracts/{name}/feeds/{source}, so positions and statements have figures
 * from the first start. Returns how many were stored; none when the folder is not there.
 */
export async function loadDemoFeeds(services: Services, feedsDir = FEEDS_DIR): Promise<number> {
  const manifestPath = join(feedsDir, 'manifest.json');
  if (
    !(await access(manifestPath).then(
      () => true,
      () => false,
    ))
  ) {
    services.logger.warn('no demo feeds to load', { folder: feedsDir });
    return 0;
  }
  const { feeds } = JSON.parse(await readFile(manifestPath, 'utf8')) as { feeds: DemoFeed[] };
  let stored = 0;
  // Each contract's version in force and its model, read once for all of its feeds.
  const contracts = new Map<string, Promise<{ version: { id: number }; model: ContractModel } | undefined>>();
  const inForce = async (contract: string) => {
    const version = await versionInForce(services.db, contract, today(services.clock));
    return version && { version, model: await modelOf(services.db, version.id) };
  };
  for (const feed of feeds) {
    if (!contracts.has(feed.contract)) contracts.set(feed.contract, inForce(feed.contract));
    const found = await contracts.get(feed.contract);
    if (!found) throw new Error(`Demo feed ${feed.file}: no version of ${feed.contract} is in force.`);
    const { version, model } = found;
    const target = findTarget(model, feed.source);
    const format = FORMATS[extname(feed.file)];
    if (!target || !format)
      throw new Error(
        `Demo feed ${feed.file}: ${target ? 'not a CSV, XLSX, JSON or NDJSON file' : `${feed.contract} has no source ${feed.source}`}.`,
      );
    const period = feedMonthProblem(model, feed.period, today(services.clock));
    if (period) throw new Error(`Demo feed ${feed.file}: ${period}`);
    const body = new FeedBody(
      Readable.toWeb(createReadStream(join(feedsDir, feed.file))) as ReadableStream<Uint8Array>,
      Number.POSITIVE_INFINITY,
    );
    const submittedBy = `${submitterOf(model, submittedSource(target).submittedBy, feed.provider)}/demo`;
    const accepted = await acceptFeed(services.db, services.clock, {
      contractName: feed.contract,
      versionId: version.id,
      model,
      target,
      period: feed.period,
      provider: feed.provider,
      format,
      body,
      submittedBy,
      audit: (submission, read) => ({
        actor: submittedBy,
        action: 'submit-feed',
        subject: feed.contract,
        outcome: 'ok',
        detail: {
          source: target.name,
          provider: feed.provider,
          period: feed.period,
          format,
          submission: submission.id,
          rows: read.rows,
          ...(submission.supersedes ? { supersedes: submission.supersedes } : {}),
        },
      }),
    });
    if (!accepted.ok)
      throw new Error(
        `Demo feed ${feed.file} has ${accepted.errors.total} error(s): ${accepted.errors.listed
          .slice(0, 5)
          .map((e) => e.message)
          .join(' ')}`,
      );
    stored++;
  }
  services.logger.info('demo feeds loaded', { feeds: stored });
  return stored;
}

/** Who sends a demo feed, as organisation/role: the contract says (its provider by default). */
function submitterOf(model: ContractModel, submittedBy: SubmittedBy | undefined, provider: string): string {
  if (submittedBy?.kind === 'commissioner') {
    const commissioner = model.contract.parties.find((p) => p.role === 'commissioner');
    return `${commissioner?.ods ?? provider}/commissioner`;
  }
  if (submittedBy?.kind === 'data-service') return `${submittedBy.ods}/provider`;
  return `${provider}/provider`;
}
