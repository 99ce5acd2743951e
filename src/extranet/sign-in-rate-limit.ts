/**
 * A sliding-window limit per key (a client address): at most `max` hits in `windowMs`.
 * In memory, per process: it slows a script hammering one server; the per-address limit,
 * kept in the database, holds across processes.
 */
export class SlidingWindowLimit {
  private readonly hits = new Map<string, number[]>();

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
    /** Keys remembered at most; the oldest are forgotten first. */
    private readonly capacity = 10_000,
  ) {}

  /** Counts a hit for `key`: 0 when allowed, else the milliseconds until one is. */
  hit(key: string, now = Date.now()): number {
    const recent = (this.hits.get(key) ?? []).filter((at) => at > now - this.windowMs);
    if (recent.length >= this.max) {
      this.hits.set(key, recent);
      return recent[0] + this.windowMs - now;
    }
    recent.push(now);
    this.hits.delete(key);
    this.hits.set(key, recent);
    if (this.hits.size > this.capacity) this.hits.delete(this.hits.keys().next().value as string);
    return 0;
  }
}
