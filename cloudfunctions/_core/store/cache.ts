/**
 * A few-seconds cache of rarely-changing documents (the caller's user record, a
 * community's settings) per database (keyed by its repositories' scope, the same inside a transaction, so a write
 * there forgets what the rest of the process reads): it saves a round trip on every call. Writes in
 * this process forget the entry at once; other processes see a change within the TTL.
 */
export class TtlCache<T> {
  private readonly byDb = new WeakMap<object, Map<string, { value: T; until: number }>>();
  constructor(private readonly ttlMs: number) {}

  private map(repos: { scope: object }) {
    let m = this.byDb.get(repos.scope);
    if (!m) this.byDb.set(repos.scope, (m = new Map()));
    return m;
  }

  async get(db: { scope: object }, key: string, load: () => Promise<T | null>): Promise<T | null> {
    const m = this.map(db);
    const hit = m.get(key);
    if (hit && hit.until > Date.now()) return hit.value;
    const value = await load();
    if (value !== null) {
      if (m.size > 10_000) m.clear();
      m.set(key, { value, until: Date.now() + this.ttlMs });
    } else m.delete(key);
    return value;
  }

  forget(db: { scope: object }, key: string): void {
    this.map(db).delete(key);
  }

  /** Forgets every entry whose value matches (a change that touches entries it can't name by key). */
  forgetWhere(db: { scope: object }, matches: (value: T) => boolean): void {
    const m = this.map(db);
    for (const [key, { value }] of m) if (matches(value)) m.delete(key);
  }
}
