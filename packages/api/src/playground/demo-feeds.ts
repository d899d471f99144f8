import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { and, count, eq, like } from 'drizzle-orm';
import { latestVersion, modelOf } from '../contracts/store.js';
import type { Database } from '../db/open.js';
import { submissions } from '../db/schema.js';
import { FEEDS_DIR } from '../demo-feeds.js';
import type { SubmissionRecord } from '../feeds/submissions.js';

/** The demo feeds of one demo contract, as the playground offers them to evaluate against. */
export interface PlaygroundFeed {
  /** The demo contract whose stored feeds these are, e.g. `demo.bradford.SmiPhysicalHealthCquin`. */
  contract: string;
  title: string;
  /** The library file that declares the contract, under `contracts/`. */
  file: string;
  sources: string[];
  from: string;
  to: string;
}

/** Submissions the demo loader made; anything sent later by anyone else is not the playground's to show. */
export const DEMO_SUBMITTER = '/provider/demo';
export const isDemoSubmission = (submission: SubmissionRecord): boolean =>
  submission.submittedBy.endsWith(DEMO_SUBMITTER);

interface ManifestEntry {
  contract: string;
  source: string;
  period: string;
}

/**
 * The demo feeds listed in examples/feeds/manifest.json, one entry per contract, for the contracts
 * whose demo feeds the database holds (none when the service runs without the demo).
 */
export async function playgroundFeeds(db: Database, feedsDir = FEEDS_DIR): Promise<PlaygroundFeed[]> {
  const manifest = await readManifest(feedsDir);
  const feeds: PlaygroundFeed[] = [];
  for (const contract of [...new Set(manifest.map((entry) => entry.contract))]) {
    const [stored] = await db
      .select({ n: count() })
      .from(submissions)
      .where(
        and(eq(submissions.contractName, contract), like(submissions.submittedBy, `%${DEMO_SUBMITTER}`)),
      );
    const version = (stored?.n ?? 0) > 0 ? await latestVersion(db, contract) : undefined;
    if (!version) continue;
    const model = await modelOf(db, version.id);
    const entries = manifest.filter((entry) => entry.contract === contract);
    const periods = entries.map((entry) => entry.period).sort();
    feeds.push({
      contract,
      title: model.contract.title,
      file: model.contract.location.file,
      sources: [...new Set(entries.map((entry) => entry.source))],
      from: periods[0] ?? '',
      to: periods.at(-1) ?? '',
    });
  }
  return feeds;
}

async function readManifest(feedsDir: string): Promise<ManifestEntry[]> {
  try {
    const manifest = JSON.parse(await readFile(join(feedsDir, 'manifest.json'), 'utf8')) as {
      feeds?: ManifestEntry[];
    };
    return manifest.feeds ?? [];
  } catch {
    return [];
  }
}
