import type { AggregateReturn, ContractModel, Dataset } from '@parity/engine';
import type { SubmittedSource } from '../auth/policy.js';

/** What a feed is for: a record-level dataset or an aggregate return of the contract. */
export type FeedTarget =
  | { kind: 'dataset'; name: string; dataset: Dataset }
  | { kind: 'return'; name: string; source: AggregateReturn };

/**
 * The dataset or aggregate return a feed names: its full name (`nhs.measures.smi.SmiRegister`) or
 * any unambiguous tail of it (`SmiRegister`, `smi.SmiRegister`).
 */
export function findTarget(model: ContractModel, name: string): FeedTarget | undefined {
  const all: FeedTarget[] = [
    ...model.datasets.map((dataset): FeedTarget => ({ kind: 'dataset', name: dataset.name, dataset })),
    ...model.returns.map((source): FeedTarget => ({ kind: 'return', name: source.name, source })),
  ];
  const exact = all.find((t) => t.name === name);
  if (exact) return exact;
  const tails = all.filter((t) => t.name.endsWith(`.${name}`));
  return tails.length === 1 ? tails[0] : undefined;
}

/** A target as the policy sees it: its name and who submits it. */
export function submittedSource(target: FeedTarget): SubmittedSource {
  return {
    name: target.name,
    submittedBy: target.kind === 'dataset' ? target.dataset.submittedBy : target.source.submittedBy,
  };
}

/** Every dataset and return of a contract as the policy sees them. */
export function submittedSources(model: ContractModel): SubmittedSource[] {
  return [...model.datasets, ...model.returns].map((s) => ({ name: s.name, submittedBy: s.submittedBy }));
}

/** The names a feed may be sent to, for the message when the name is unknown. */
export function targetNames(model: ContractModel): string[] {
  return [...model.datasets.map((d) => d.name), ...model.returns.map((r) => r.name)];
}

export const FEED_FORMATS = {
  'text/csv': 'csv',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
  'application/json': 'json',
  'application/x-ndjson': 'ndjson',
} as const;

export type FeedFormat = (typeof FEED_FORMATS)[keyof typeof FEED_FORMATS];

/** The format a Content-Type names (parameters such as charset ignored), or undefined. */
export function formatOf(contentType: string | undefined): FeedFormat | undefined {
  const media = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  return (FEED_FORMATS as Record<string, FeedFormat>)[media];
}
