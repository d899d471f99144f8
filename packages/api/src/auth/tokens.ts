import { createHash, randomBytes } from 'node:crypto';
import { and, desc, eq, isNull } from 'drizzle-orm';
import { appendAudit } from '../audit/record.js';
import type { Clock } from '../clock.js';
import { inWriteQueue, whenWritable } from '../db/busy.js';
import type { Database } from '../db/open.js';
import { tokens } from '../db/schema.js';

export const ROLES = ['commissioner', 'provider', 'finance', 'auditor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** An ODS code as tokens carry it: 3 to 6 upper-case letters and digits (e.g. `QWO`, `36J`, `RAA01`). */
export const ODS_CODE = /^[A-Z0-9]{3,6}$/;

/** Who is calling: the token's organisation (ODS code) and role. */
export interface Principal {
  tokenId: string;
  organisation: string;
  role: Role;
}

/** A token as it may be shown: never its secret, never its hash. */
export interface TokenSummary {
  id: string;
  organisation: string;
  role: Role;
  label: string | null;
  createdAt: string;
  revokedAt: string | null;
}

/** Who changed a token, for the audit log: a principal over HTTP, or the operator at the database. */
export interface TokenChangeBy {
  actor: string;
  requestId?: string;
}

/** The actor recorded when tokens are changed directly on the database (`parity token`, the demo loader). */
export const LOCAL_OPERATOR: TokenChangeBy = { actor: 'local-operator' };

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

const summaryColumns = {
  id: tokens.id,
  organisation: tokens.organisation,
  role: tokens.role,
  label: tokens.label,
  createdAt: tokens.createdAt,
  revokedAt: tokens.revokedAt,
};

const toSummary = (row: Omit<TokenSummary, 'role'> & { role: string }): TokenSummary => ({
  ...row,
  role: row.role as Role,
});

/**
 * Creates a bearer token for an organisation and role, audited in the same transaction. The secret is
 * returned once; only its sha256 hash is kept.
 */
export async function createToken(
  db: Database,
  clock: Clock,
  organisation: string,
  role: Role,
  label?: string,
  by: TokenChangeBy = LOCAL_OPERATOR,
): Promise<TokenSummary & { secret: string }> {
  const id = `tok_${randomBytes(6).toString('hex')}`;
  const secret = `parity_${randomBytes(24).toString('base64url')}`;
  const createdAt = clock.now().toISOString();
  await inWriteQueue(db, () =>
    whenWritable(() =>
      db.transaction(async (tx) => {
        await tx
          .insert(tokens)
          .values({ id, secretHash: hashSecret(secret), organisation, role, label, createdAt });
        await appendAudit({ kind: 'drizzle', tx }, createdAt, {
          actor: by.actor,
          action: 'token.create',
          subject: id,
          outcome: 'ok',
          requestId: by.requestId,
          detail: { organisation, role, ...(label === undefined ? {} : { label }) },
        });
      }),
    ),
  );
  return { id, organisation, role, label: label ?? null, createdAt, revokedAt: null, secret };
}

/**
 * Revokes a token, audited in the same transaction; revoking it again keeps the first revocation
 * time. Undefined when there is no such token.
 */
export async function revokeToken(
  db: Database,
  clock: Clock,
  id: string,
  by: TokenChangeBy = LOCAL_OPERATOR,
): Promise<TokenSummary | undefined> {
  return inWriteQueue(db, () =>
    whenWritable(() =>
      db.transaction(async (tx) => {
        const now = clock.now().toISOString();
        const [revoked] = await tx
          .update(tokens)
          .set({ revokedAt: now })
          .where(and(eq(tokens.id, id), isNull(tokens.revokedAt)))
          .returning(summaryColumns);
        const token =
          revoked ?? (await tx.select(summaryColumns).from(tokens).where(eq(tokens.id, id)).limit(1))[0];
        if (!token) return undefined;
        const detail = { organisation: token.organisation, role: token.role, alreadyRevoked: !revoked };
        await appendAudit({ kind: 'drizzle', tx }, now, {
          actor: by.actor,
          action: 'token.revoke',
          subject: id,
          outcome: 'ok',
          requestId: by.requestId,
          detail,
        });
        return toSummary(token);
      }),
    ),
  );
}

/** Every token, newest first, without secrets. */
export async function listTokens(db: Database): Promise<TokenSummary[]> {
  const rows = await db.select(summaryColumns).from(tokens).orderBy(desc(tokens.createdAt), desc(tokens.id));
  return rows.map(toSummary);
}

/** The principal a bearer secret stands for, or undefined when it is unknown or revoked. */
export async function principalFor(db: Database, secret: string): Promise<Principal | undefined> {
  // Run on every request, so written once as SQL rather than rebuilt by the query builder each time.
  const result = await db.$client.execute({
    sql: 'SELECT id, organisation, role, revoked_at AS revokedAt FROM tokens WHERE secret_hash = ? LIMIT 1',
    args: [hashSecret(secret)],
  });
  const row = result.rows[0] as unknown as
    | { id: string; organisation: string; role: string; revokedAt: string | null }
    | undefined;
  if (!row || row.revokedAt || !(ROLES as readonly string[]).includes(row.role)) return undefined;
  return { tokenId: row.id, organisation: row.organisation, role: row.role as Role };
}
