// An ordered multiset in fixed-size chunks: O(log n) seek and O(√n)-ish insert without a full B-tree.
const CHUNK = 512;

export class SortedList<T> {
  private chunks: T[][] = [];
  private count = 0;

  constructor(private readonly cmp: (a: T, b: T) => number) {}

  get size(): number {
    return this.count;
  }

  private chunkFor(x: T): number {
    let lo = 0, hi = this.chunks.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const c = this.chunks[mid];
      if (this.cmp(c[c.length - 1], x) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private static lowerBound<T>(arr: T[], pred: (x: T) => boolean): number {
    let lo = 0, hi = arr.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (pred(arr[mid])) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  insert(x: T): void {
    this.count++;
    if (this.chunks.length === 0) { this.chunks.push([x]); return; }
    // At or past the last element: the common case for ascending keys (ObjectIds, dates, counters),
    // one comparison instead of two binary searches.
    const last = this.chunks[this.chunks.length - 1];
    if (this.cmp(last[last.length - 1], x) <= 0) {
      last.push(x);
      if (last.length > CHUNK * 2) this.chunks.push(last.splice(CHUNK));
      return;
    }
    const ci = this.chunkFor(x);
    const chunk = this.chunks[ci];
    chunk.splice(SortedList.lowerBound(chunk, (y) => this.cmp(y, x) > 0), 0, x);
    if (chunk.length > CHUNK * 2) this.chunks.splice(ci + 1, 0, chunk.splice(CHUNK));
  }

  remove(x: T): boolean {
    if (this.chunks.length === 0) return false;
    const ci = this.chunkFor(x);
    const chunk = this.chunks[ci];
    const i = SortedList.lowerBound(chunk, (y) => this.cmp(y, x) >= 0);
    if (i >= chunk.length || this.cmp(chunk[i], x) !== 0) return false;
    chunk.splice(i, 1);
    this.count--;
    if (chunk.length === 0) this.chunks.splice(ci, 1);
    return true;
  }

  /** Iterates from the first element for which the monotone `atOrAfter` is true. */
  *from(atOrAfter: (x: T) => boolean): Generator<T> {
    const lastOf = (c: T[]) => c[c.length - 1];
    let ci = SortedList.lowerBound(this.chunks, (c) => atOrAfter(lastOf(c)));
    if (ci >= this.chunks.length) return;
    let i = SortedList.lowerBound(this.chunks[ci], atOrAfter);
    for (; ci < this.chunks.length; ci++, i = 0) {
      const chunk = this.chunks[ci];
      for (; i < chunk.length; i++) yield chunk[i];
    }
  }

  /** Iterates backwards from the last element for which the monotone `atOrBefore` is true. */
  *backFrom(atOrBefore: (x: T) => boolean): Generator<T> {
    // First chunk whose first element is past the bound; the answer is in the chunk before it or at its edge.
    let ci = SortedList.lowerBound(this.chunks, (c) => !atOrBefore(c[0])) - 1;
    if (ci < 0) return;
    let i = SortedList.lowerBound(this.chunks[ci], (x) => !atOrBefore(x)) - 1;
    for (; ci >= 0; ci--, i = ci >= 0 ? this.chunks[ci].length - 1 : 0) {
      const chunk = this.chunks[ci];
      for (; i >= 0; i--) yield chunk[i];
    }
  }

  *all(): Generator<T> {
    for (const c of this.chunks) yield* c;
  }

  clear(): void {
    this.chunks = [];
    this.count = 0;
  }
}
