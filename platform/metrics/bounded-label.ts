/**
 * A label whose values come from callers (operation names, error codes) must not grow the
 * series without end: the first `limit` distinct values are kept, and any later one is counted
 * as `__other`. Cleared only with the process, like the series themselves.
 */
export class BoundedLabel {
  static readonly OTHER = '__other';
  private readonly seen = new Set<string>();

  constructor(private readonly limit: number) {}

  value(raw: string): string {
    if (this.seen.has(raw)) return raw;
    if (this.seen.size >= this.limit) return BoundedLabel.OTHER;
    this.seen.add(raw);
    return raw;
  }
}
