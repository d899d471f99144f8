import type { Position as ContractPosition } from '@parity/engine';

/** The position the service returns from `POST /playground/evaluate`: the engine's `Position`, and the demo feed it read. */
export type Position = ContractPosition & { feed: string; submissions: number };

/** A demo feed the service offers: the stored feeds of one demo contract. */
export interface DemoFeed {
  contract: string;
  title: string;
  file: string;
  sources: string[];
  from: string;
  to: string;
}

/** The service's error envelope, with language diagnostics when the contract does not compile. */
export interface ServiceError {
  code: string;
  message: string;
  details?: unknown;
}
