import type { Trace } from '../run/trace.js';

/** The kinds of money a contract moves. */
export type LineKind =
  | 'cquin'
  | 'withhold'
  | 'flow-down'
  | 'block'
  | 'activity'
  | 'capitation'
  | 'year-of-care'
  | 'risk-share'
  | 'on-account'
  | 'reconciliation'
  // Memoranda on a prime's statement, never money of their own: what flows down to each
  // sub-contractor (paid under its sub-contract) and what the prime keeps.
  | 'flows-down'
  | 'kept'
  // Memoranda of a cost a provider carries: the cost, what the contract pays for it, and the
  // unfunded gap it absorbs.
  | 'cost-carried'
  | 'cost-funded'
  | 'cost-unfunded';

/** Why a line pays what it pays, beyond its amount: a status a finance officer must see. */
export type LineStatus =
  | 'earned'
  | 'partly-earned'
  | 'not-earned'
  | 'insufficient-data'
  | 'no-data'
  | 'not-yet-due';

/**
 * One payable figure: what, for whom, for which period, how much (integer pence, positive when the
 * commissioner pays, negative when a provider pays back), and why.
 */
export interface PaymentLine {
  kind: LineKind;
  /** The clause: an indicator, scheme, activity, capitation, year of care or risk share name. */
  clause: string;
  /** The scheme an indicator belongs to, for scheme totals. */
  scheme?: string;
  /** ODS code of the organisation paid, or '*' for the provider side as a whole. */
  provider: string;
  period: string;
  pence: bigint;
  status: LineStatus;
  /** Attainment of an indicator (0–1) as decimal text, when the line has one. */
  attainment?: string;
  provisional: boolean;
  trace: Trace;
}

/**
 * The kinds of line that are money earned under the contract, added into its earned total. Risk
 * shares, payments on account and the reconciliation are settlements of it, shown apart.
 */
export const PAYABLE_KINDS: ReadonlySet<LineKind> = new Set<LineKind>([
  'block',
  'activity',
  'capitation',
  'year-of-care',
  'cquin',
  'withhold',
  'flow-down',
]);

/** Whether a line is money earned (see PAYABLE_KINDS). */
export function isPayable(line: Pick<PaymentLine, 'kind'>): boolean {
  return PAYABLE_KINDS.has(line.kind);
}
