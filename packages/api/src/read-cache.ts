/**
 * Short-lived answers to hot reads (who a token is, which version and submissions stand). A write
 * in this instance clears the entries it affects at once; the time limit bounds how long another
 * instance sharing the same database can serve an answer from before a write it did not see.
 */
export class ReadCache {
  private readonly entries = new Map<string, { until: number; value: Promise<unknown> }>();

  constructor(
    private readonly ttlMs = 1000,
    private readonly now: () => number = Date.now,
  ) {}

  get<T>(key: string, compute: () => Promise<T>, ttlMs = this.ttlMs): Promise<T> {
    const at = this.now();
    const found = this.entries.get(key);
    if (found && found.until > at) return found.value as Promise<T>;
    const value = compute();
    this.entries.set(key, { until: at + ttlMs, value });
    value.catch(() => this.entries.delete(key));
    if (this.entries.size > 10_000) this.prune(at);
    return value;
  }

  /** Forgets every entry whose key starts with the prefix. */
  invalidate(prefix: string): void {
    for (const key of this.entries.keys()) if (key.startsWith(prefix)) this.entries.delete(key);
  }

  private prune(at: number): void {
    for (const [key, entry] of this.entries) if (entry.until <= at) this.entries.delete(key);
  }
}
