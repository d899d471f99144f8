import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SourceFile } from '@parity/dsl';
import { count } from 'drizzle-orm';
import type { AuditEntry } from './audit/record.js';
import type { Role } from './auth/tokens.js';
import { createToken } from './auth/tokens.js';
import { today } from './clock.js';
import { type StoredVersion, storeVersion } from './contracts/store.js';
import { contracts } from './db/schema.js';
import { FEEDS_DIR, loadDemoFeeds } from './demo-feeds.js';
import { readParityFolder } from './library.js';
import type { Services } from './services.js';

/** Variations of the demo contracts, beside the demo feeds. */
const VARIATIONS_DIR = join(FEEDS_DIR, '..', 'variations');

export interface DemoToken {
  organisation: string;
  role: Role;
  secret: string;
}

/** Tokens a new user needs to follow the walkthrough: one per role, for the Bradford demo contracts. */
const DEMO_TOKENS: { organisation: string; role: Role; label: string }[] = [
  { organisation: '36J', role: 'commissioner', label: 'Bradford District and Craven commissioning (demo)' },
  { organisation: 'TAD', role: 'provider', label: 'Bradford District Care information team (demo)' },
  { organisation: '36J', role: 'finance', label: 'Bradford District and Craven finance (demo)' },
  { organisation: 'QWO', role: 'auditor', label: 'Internal audit (demo)' },
  { organisation: 'QWO', role: 'admin', label: 'Service administrator (demo)' },
];

/**
 * On first start (no contracts yet), publishes every demo contract in contracts/demo and creates
 * one demo token per role. Returns the tokens so they can be shown once.
 */
export async function loadDemo(services: Services, contractsDir: string): Promise<DemoToken[] | undefined> {
  const [row] = await services.db.select({ n: count() }).from(contracts);
  if ((row?.n ?? 0) > 0) return undefined;
  const demo = await readParityFolder(contractsDir, 'demo');
  const outcome = await services.checker.check(demo);
  const errors = outcome.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0)
    throw new Error(
      `The demo contracts have errors: ${errors.map((d) => `${d.file}:${d.line} ${d.message}`).join('; ')}`,
    );
  const now = services.clock.now().toISOString();
  for (const model of outcome.models) {
    const sources = demo.filter((s) => s.path === model.contract.location.file);
    await storeVersion(services.db, {
      model,
      sources,
      author: 'demo',
      effectiveDate: `${model.contract.year.slice(0, 4)}-04-01`,
      now,
      audit: demoPublish(model.contract.name),
    });
  }
  const variations = await publishVariations(services, demo, now);
  services.logger.info('demo contracts loaded', {
    contracts: outcome.models.length,
    variations,
    on: today(services.clock),
  });
  await loadDemoFeeds(services);
  const tokens: DemoToken[] = [];
  for (const token of DEMO_TOKENS) {
    const { secret } = await createToken(
      services.db,
      services.clock,
      token.organisation,
      token.role,
      token.label,
    );
    tokens.push({ organisation: token.organisation, role: token.role, secret });
  }
  return tokens;
}

/** A variation of a demo contract: the edits it makes to the demo file, and the day it takes effect. */
interface DemoVariation {
  contract: string;
  /** The demo file it varies, e.g. `demo/bradford-smi-cquin.parity`. */
  replaces: string;
  /** Each text the variation replaces (found exactly once) and what replaces it. */
  edits: [string, string][];
  effectiveDate: string;
}

/** The demo file as varied; an edit whose text is not found exactly once is a broken variation. */
function varied(text: string, variation: DemoVariation): string {
  return variation.edits.reduce((current, [from, to]) => {
    if (current.split(from).length !== 2)
      throw new Error(
        `The demo variation of ${variation.replaces} does not find exactly one '${from.slice(0, 60)}'.`,
      );
    return current.replace(from, to);
  }, text);
}

/**
 * Publishes each variation in examples/variations/manifest.json as the contract's next version,
 * the demo file with the variation's edits,
 * effective from its date: the demo then shows periods priced by the version in force when each
 * began. Returns how many were published.
 */
async function publishVariations(services: Services, demo: SourceFile[], now: string): Promise<number> {
  const manifest = JSON.parse(await readFile(join(VARIATIONS_DIR, 'manifest.json'), 'utf8')) as {
    variations: DemoVariation[];
  };
  for (const variation of manifest.variations) {
    const sources = demo.map((s) =>
      s.path === variation.replaces ? { path: s.path, text: varied(s.text, variation) } : s,
    );
    const outcome = await services.checker.check(sources);
    const errors = outcome.diagnostics.filter((d) => d.severity === 'error');
    const model = outcome.models.find((m) => m.contract.name === variation.contract);
    if (errors.length > 0 || !model)
      throw new Error(
        `The demo variation of ${variation.replaces} does not check: ${errors.map((d) => `${d.file}:${d.line} ${d.message}`).join('; ') || `no contract ${variation.contract}`}`,
      );
    await storeVersion(services.db, {
      model,
      sources: sources.filter((s) => s.path === model.contract.location.file),
      author: 'demo',
      effectiveDate: variation.effectiveDate,
      now,
      audit: demoPublish(model.contract.name),
    });
  }
  return manifest.variations.length;
}

/** The audit entry of a demo contract or variation published by the demo loader. */
function demoPublish(contract: string): (stored: { version: StoredVersion; created: boolean }) => AuditEntry {
  return (stored) => ({
    actor: 'demo',
    action: 'publish',
    subject: contract,
    outcome: 'ok',
    detail: {
      version: stored.version.version,
      contentHash: stored.version.contentHash,
      created: stored.created,
    },
  });
}
