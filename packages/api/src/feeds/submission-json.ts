import type { SubmissionRecord } from './submissions.js';

/** For each submission, the one it replaced and the one that replaced it (same provider, source and period). */
export function supersession(
  all: SubmissionRecord[],
): Map<string, { supersedes?: string; supersededBy?: string }> {
  const links = new Map<string, { supersedes?: string; supersededBy?: string }>();
  const latest = new Map<string, string>();
  // Oldest first: `all` is newest first.
  for (const s of [...all].reverse()) {
    const key = `${s.provider}\u0000${s.source}\u0000${s.period}`;
    const before = latest.get(key);
    links.set(s.id, before ? { supersedes: before } : {});
    if (before) links.set(before, { ...links.get(before), supersededBy: s.id });
    latest.set(key, s.id);
  }
  return links;
}

/** A submission as the API shows it. */
export function submissionJson(s: SubmissionRecord, supersedes?: string) {
  return {
    id: s.id,
    contract: s.contractName,
    source: s.source,
    provider: s.provider,
    period: s.period,
    format: s.format as 'csv' | 'xlsx' | 'json' | 'ndjson',
    rows: s.rowCount,
    contentHash: s.contentHash,
    submittedAt: s.submittedAt,
    submittedBy: s.submittedBy,
    ...(supersedes ? { supersedes } : {}),
  };
}
