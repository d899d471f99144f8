/**
 * Positions computed for a contract version, a set of submissions and an as-of date never change,
 * so they are kept (a bounded number, least recently used first out).
 */
export class PositionCache {
  private readonly entries = new Map<string, Promise<unknown>>();

  constructor(private readonly capacity = 200) {}

  get<T>(key: string, compute: () => Promise<T>): Promise<T> {
    const found = this.entries.get(key);
    if (found) {
      this.entries.delete(key);
      this.entries.set(key, found);
      return found as Promise<T>;
    }
    const value = compute();
    this.entries.set(key, value);
    value.catch(() => this.entries.delete(key));
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
    return value;
  }
}
