import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';

/** Where stored rows came from: a feed for one provider and month, or an extract split by both. */
export type IngestKind = 'feed' | 'extract';

/**
 * The service's measurements, in the Prometheus text format at /metrics. Labels are route
 * patterns, methods, statuses and kinds only: never contract names, organisations or row data,
 * so no label can carry patient information and their number stays bounded.
 */
export interface ServiceMetrics {
  /** The Prometheus text exposition of every measurement, and its content type. */
  exposition(): Promise<{ text: string; contentType: string }>;
  /** One answered request: its method, route pattern (`/contracts/:name/position`), status and seconds. */
  observeRequest(method: string, route: string, status: number, seconds: number): void;
  /**
   * Counts the rows of submissions just stored from a feed (one) or an extract (one per provider
   * and month); a submission found stored already (the same content again) adds no rows.
   */
  rowsIngested(kind: IngestKind, submissions: readonly { rows: number; created: boolean }[]): void;
  /**
   * Runs one evaluation of a published contract's position (statements are cut from positions)
   * and records how long the engine took, whether it succeeded or not.
   */
  timeEvaluation<T>(evaluate: () => Promise<T>): Promise<T>;
}

/** Latency buckets in seconds, from a cached read (milliseconds) to a large feed (a minute). */
const REQUEST_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];
const EVALUATION_BUCKETS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** A registry of its own per service, so tests and embedded services never share counts. */
export function createMetrics(): ServiceMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const requests = new Counter({
    name: 'parity_http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status.',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  const requestSeconds = new Histogram({
    name: 'parity_http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by method, route pattern and status.',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: REQUEST_BUCKETS,
    registers: [registry],
  });
  const rows = new Counter({
    name: 'parity_feed_rows_ingested_total',
    help: 'Rows stored from feeds and extracts.',
    labelNames: ['kind'] as const,
    registers: [registry],
  });
  // Zero from the start, so a dashboard's rate has a series before the first feed arrives.
  for (const kind of ['feed', 'extract'] as const) rows.inc({ kind }, 0);
  const evaluationSeconds = new Histogram({
    name: 'parity_evaluation_duration_seconds',
    help: 'Time the engine took to evaluate a contract position (statements are cut from positions).',
    buckets: EVALUATION_BUCKETS,
    registers: [registry],
  });
  return {
    exposition: async () => ({ text: await registry.metrics(), contentType: registry.contentType }),
    observeRequest: (method, route, status, seconds) => {
      const labels = { method, route, status: String(status) };
      requests.inc(labels);
      requestSeconds.observe(labels, seconds);
    },
    rowsIngested: (kind, submissions) => {
      for (const submission of submissions) if (submission.created) rows.inc({ kind }, submission.rows);
    },
    timeEvaluation: async (evaluate) => {
      const end = evaluationSeconds.startTimer();
      try {
        return await evaluate();
      } finally {
        end();
      }
    },
  };
}
