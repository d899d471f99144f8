/** The position the service returns from `POST /playground/evaluate` (the fields the panel shows). */
export interface Position {
  contract: string;
  asOf: string;
  feed: string;
  measures: {
    measure: string;
    title: string;
    provider: string;
    period: string;
    view: string;
    status: string;
    value?: string;
    numerator?: string;
    denominator?: string;
    explanation: string;
  }[];
  indicators: {
    scheme: string;
    indicator: string;
    provider: string;
    monthsWithData: number;
    yearToDate?: { numerator: string; denominator: string; score: string };
    forecast?: { score: string; attainment: string; pence: string };
    text: string;
  }[];
  lines: {
    kind: string;
    clause: string;
    provider: string;
    period: string;
    pounds: string;
    status: string;
    provisional: boolean;
    explanation: string;
  }[];
}

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
