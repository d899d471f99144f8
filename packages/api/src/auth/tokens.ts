import { createHash, randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Clock } from '../clock.js';
import type { Database } from '../db/open.js';
import { tokens } from '../db/schema.js';

export const ROLES = ['commissioner', 'provider', 'finance', 'auditor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Who is calling: the token's organisation (ODS code) and role. */
export interface Principal {
  tokenId: string;
  organisation: string;
  role: Role;
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** Creates a bearer token for an organisation and role. The secret is returned once; only its hash is kept. */
export async function createToken(db: Database, clock: Clock, organisation: string, role: Role, label?: string): Promise<{ id: string; secret: string }> {
  const id = `tok_${randomBytes(6).toString('hex')}`;
  const secret = `parity_${randomBytes(24).toString('base64url')}`;
  await db.insert(tokens).values({ id, secretHash: hashSecret(secret), organisation, role, label, createdAt: clock.now().toISOString() });
  return { id, secret };
}

export async function revokeToken(db: Database, clock: Clock, id: string): Promise<boolean> {
  const revoked = await db.update(tokens).set({ revokedAt: clock.now().toISOString() }).where(eq(tokens.id, id)).returning({ id: tokens.id });
  return revoked.length > 0;
}

/** The principal a bearer secret stands for, or undefined when it is unknown or revoked. */
export async function principalFor(db: Database, secret: string): Promise<Principal | undefined> {
  const [row] = await db.select().from(tokens).where(eq(tokens.secretHash, hashSecret(secret))).limit(1);
  if (!row || row.revokedAt) return undefined;
  return { tokenId: row.id, organisation: row.organisation, role: row.role as Role };
}
