import type { SourceFile } from '@parity/dsl';
import { ContractModel } from '@parity/engine';
import { and, desc, eq, lte, sql } from 'drizzle-orm';
import { type AuditEntry, appendAudit } from '../audit/record.js';
import { inWriteQueue, whenWritable } from '../db/busy.js';
import type { Database } from '../db/open.js';
import { contractParties, contracts, contractVersions } from '../db/schema.js';

export interface StoredVersion {
  id: number;
  contractName: string;
  version: number;
  contentHash: string;
  author: string;
  effectiveDate: string;
  createdAt: string;
}

const versionColumns = {
  id: contractVersions.id,
  contractName: contractVersions.contractName,
  version: contractVersions.version,
  contentHash: contractVersions.contentHash,
  author: contractVersions.author,
  effectiveDate: contractVersions.effectiveDate,
  createdAt: contractVersions.createdAt,
};

/**
 * Stores a compiled contract as a new immutable version, or returns the newest version when it is
 * the same model (by content hash). An earlier version's text published again is a new version,
 * with that earlier version's hash: it governs from its own effective date, as any variation does.
 * Version, parties and contract row are written in one transaction.
 */
export async function storeVersion(
  db: Database,
  input: {
    model: ContractModel;
    sources: SourceFile[];
    author: string;
    effectiveDate: string;
    now: string;
    /** The audit entry for the publish, written in its transaction (or alone when nothing is new). */
    audit: (stored: { version: StoredVersion; created: boolean }) => AuditEntry;
  },
): Promise<{ version: StoredVersion; created: boolean }> {
  const name = input.model.contract.name;
  return inWriteQueue(db, () =>
    whenWritable(() =>
      db.transaction(async (tx) => {
        const [latest] = await tx
          .select(versionColumns)
          .from(contractVersions)
          .where(eq(contractVersions.contractName, name))
          .orderBy(desc(contractVersions.version))
          .limit(1);
        if (latest?.contentHash === input.model.contentHash) {
          const same = { version: latest, created: false };
          await appendAudit({ kind: 'drizzle', tx }, input.now, input.audit(same));
          return same;
        }
        await tx
          .insert(contracts)
          .values({ name, title: input.model.contract.title, createdAt: input.now })
          .onConflictDoUpdate({ target: contracts.name, set: { title: input.model.contract.title } });
        const [version] = await tx
          .insert(contractVersions)
          .values({
            contractName: name,
            version: (latest?.version ?? 0) + 1,
            contentHash: input.model.contentHash,
            sources: JSON.stringify(input.sources),
            model: JSON.stringify(input.model),
            author: input.author,
            effectiveDate: input.effectiveDate,
            createdAt: input.now,
          })
          .returning(versionColumns);
        if (!version) throw new Error('version was not stored');
        const parties = new Map(input.model.contract.parties.map((p) => [`${p.ods}|${p.role}`, p]));
        if (parties.size > 0)
          await tx
            .insert(contractParties)
            .values([...parties.values()].map((p) => ({ versionId: version.id, ods: p.ods, role: p.role })));
        const stored = { version, created: true };
        await appendAudit({ kind: 'drizzle', tx }, input.now, input.audit(stored));
        return stored;
      }),
    ),
  );
}

export async function listVersions(db: Database, name: string): Promise<StoredVersion[]> {
  return db
    .select(versionColumns)
    .from(contractVersions)
    .where(eq(contractVersions.contractName, name))
    .orderBy(contractVersions.version);
}

/** The version in force on a date: the latest effective on or before it, else the first. */
export async function versionInForce(
  db: Database,
  name: string,
  asOf: string,
): Promise<StoredVersion | undefined> {
  const [inForce] = await db
    .select(versionColumns)
    .from(contractVersions)
    .where(
      and(
        eq(contractVersions.contractName, name),
        lte(contractVersions.effectiveDate, asOf),
        lte(contractVersions.createdAt, `${asOf}T23:59:59.999Z`),
      ),
    )
    .orderBy(desc(contractVersions.effectiveDate), desc(contractVersions.version))
    .limit(1);
  if (inForce) return inForce;
  const [first] = await db
    .select(versionColumns)
    .from(contractVersions)
    .where(eq(contractVersions.contractName, name))
    .orderBy(contractVersions.version)
    .limit(1);
  return first && first.createdAt.slice(0, 10) <= asOf ? first : undefined;
}

/**
 * The versions published by a date (the end of that day), each with the date it takes effect: those
 * that may price some period of the contract's year as known then.
 */
export async function versionsPublishedBy(
  db: Database,
  name: string,
  asOf: string,
): Promise<StoredVersion[]> {
  return db
    .select(versionColumns)
    .from(contractVersions)
    .where(
      and(eq(contractVersions.contractName, name), lte(contractVersions.createdAt, `${asOf}T23:59:59.999Z`)),
    )
    .orderBy(contractVersions.version);
}

export async function latestVersion(db: Database, name: string): Promise<StoredVersion | undefined> {
  const [latest] = await db
    .select(versionColumns)
    .from(contractVersions)
    .where(eq(contractVersions.contractName, name))
    .orderBy(desc(contractVersions.version))
    .limit(1);
  return latest;
}

export async function versionByNumber(
  db: Database,
  name: string,
  version: number,
): Promise<(StoredVersion & { sources: string; model: string }) | undefined> {
  const [row] = await db
    .select({ ...versionColumns, sources: contractVersions.sources, model: contractVersions.model })
    .from(contractVersions)
    .where(and(eq(contractVersions.contractName, name), eq(contractVersions.version, version)))
    .limit(1);
  return row;
}

export async function modelOf(db: Database, versionId: number): Promise<ContractModel> {
  const [row] = await db
    .select({ model: contractVersions.model })
    .from(contractVersions)
    .where(eq(contractVersions.id, versionId))
    .limit(1);
  if (!row) throw new Error(`no contract version ${versionId}`);
  // Stored by this service, so a model that does not parse is a fault here, not the caller's.
  const parsed = ContractModel.safeParse(JSON.parse(row.model));
  if (!parsed.success)
    throw new Error(
      `the stored model of contract version ${versionId} is not valid: ${parsed.error.message}`,
    );
  return parsed.data;
}

export async function partiesOf(db: Database, versionId: number): Promise<{ ods: string; role: string }[]> {
  return db
    .select({ ods: contractParties.ods, role: contractParties.role })
    .from(contractParties)
    .where(eq(contractParties.versionId, versionId));
}

export async function allContractNames(db: Database): Promise<{ name: string; title: string }[]> {
  return db.select({ name: contracts.name, title: contracts.title }).from(contracts).orderBy(contracts.name);
}

/**
 * The contracts published by a date whose version in force then is a sub-contract under `prime`
 * (its model names the prime as parent).
 */
export async function subContractsOf(db: Database, prime: string, asOf: string): Promise<string[]> {
  const candidates = await db
    .selectDistinct({ name: contractVersions.contractName })
    .from(contractVersions)
    .where(
      and(
        sql`json_extract(${contractVersions.model}, '$.contract.parent') = ${prime}`,
        lte(contractVersions.createdAt, `${asOf}T23:59:59.999Z`),
      ),
    )
    .orderBy(contractVersions.contractName);
  const under: string[] = [];
  for (const { name } of candidates) {
    const inForce = await versionInForce(db, name, asOf);
    if (inForce && (await modelOf(db, inForce.id)).contract.parent === prime) under.push(name);
  }
  return under;
}
