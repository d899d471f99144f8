import { createHash } from 'node:crypto';

/**
 * The audit log is a hash chain: each entry carries the sha256 of the entry before it and of its
 * own fields, so an entry edited, deleted or moved at the database breaks the chain from there on.
 * The first sealed entry follows `GENESIS`.
 */
export const GENESIS = '0'.repeat(64);

/** The fields of an entry that its hash seals, as stored. */
export interface SealedFields {
  at: string;
  actor: string;
  action: string;
  subject: string;
  outcome: string;
  requestId: string | null;
  detail: string;
}

/** The hash of an entry: the previous entry's hash and this entry's fields, in a fixed order. */
export function entryHash(previous: string, entry: SealedFields): string {
  const fields = [
    previous,
    entry.at,
    entry.actor,
    entry.action,
    entry.subject,
    entry.outcome,
    entry.requestId ?? '',
    entry.detail,
  ];
  // Lengths first, so no two different entries run together into the same text.
  return createHash('sha256')
    .update(fields.map((field) => `${field.length}:${field}`).join('\n'))
    .digest('hex');
}

/** A stored entry as the chain check reads it. */
export interface ChainedEntry extends SealedFields {
  id: number;
  hash: string | null;
}

/** Where the chain breaks, and why, in words an auditor can act on. */
export interface ChainBreak {
  id: number;
  problem: string;
}

/**
 * Checks entries in id order, carrying the chain from `previous` (the hash of the entry before the
 * first one given). Entries written before the log was sealed have no hash and may only come
 * before the first sealed entry; any later entry without a hash was written at the database.
 */
export function checkChain(
  entries: Iterable<ChainedEntry>,
  previous: string | undefined,
): { breaks: ChainBreak[]; last: string | undefined; sealed: number; unsealed: number } {
  const breaks: ChainBreak[] = [];
  let last = previous;
  let sealed = 0;
  let unsealed = 0;
  let lastId: number | undefined;
  for (const entry of entries) {
    if (lastId !== undefined && entry.id !== lastId + 1)
      breaks.push({
        id: entry.id,
        problem:
          entry.id === lastId + 2
            ? `entry ${lastId + 1} is missing`
            : `entries ${lastId + 1}–${entry.id - 1} are missing`,
      });
    lastId = entry.id;
    if (entry.hash === null) {
      unsealed++;
      if (last !== undefined)
        breaks.push({
          id: entry.id,
          problem: `entry ${entry.id} has no seal: it was written at the database, not by the service`,
        });
      continue;
    }
    const expected = entryHash(last ?? GENESIS, entry);
    if (entry.hash !== expected)
      breaks.push({
        id: entry.id,
        problem: `entry ${entry.id} does not match its seal: it was edited, or an entry before it was deleted or moved`,
      });
    sealed++;
    last = entry.hash;
  }
  return { breaks, last, sealed, unsealed };
}
