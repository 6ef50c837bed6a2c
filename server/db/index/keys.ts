// The key tuples of a compound index for one document, made as MongoDB's key generator makes them: fields whose
// paths go through the same array take their values from one element at a time ({'events.action', 'events.at'}
// pairs each step's action with that step's time, not with every step's time), so the bounds of one $elemMatch on
// both fields can be compounded. Paths through different arrays pair every value of one with every value of the
// other (MongoDB refuses such a document: "cannot index parallel arrays"; here it is kept, and answers stay right).
import type { Doc } from './values';

/** A field that has no value along one element (or the document): indexed as null, left out by a sparse index. */
export const MISSING: unique symbol = Symbol('missing');

interface PathNode {
  /** Parts of the path consumed to reach this node: the depth an array met here is recorded at. */
  depth: number;
  /** Index positions of the fields whose path ends here. */
  ends: number[];
  /** The next part of the paths going on, each once; positions in an array ("a.0") apart. */
  spread: [string, PathNode][];
  positional: [number, PathNode][];
  /** Index positions of every field at or under this node. */
  fields: number[];
}

const node = (depth: number): PathNode => ({ depth, ends: [], spread: [], positional: [], fields: [] });

/** The paths of an index's fields as a tree of their shared prefixes. */
function pathTree(paths: string[]): PathNode {
  const root = node(0);
  paths.forEach((path, f) => {
    let at = root;
    at.fields.push(f);
    for (const part of path.split('.')) {
      let next: PathNode | undefined;
      if (/^\d+$/.test(part)) {
        next = at.positional.find(([k]) => k === Number(part))?.[1];
        if (!next) at.positional.push([Number(part), (next = node(at.depth + 1))]);
      } else {
        next = at.spread.find(([k]) => k === part)?.[1];
        if (!next) at.spread.push([part, (next = node(at.depth + 1))]);
      }
      next.fields.push(f);
      at = next;
    }
    at.ends.push(f);
  });
  return root;
}

type Tuple = any[];

/**
 * How keys are made for one index. `onArray` hears of every array met: the fields whose path goes through it, at
 * which depth (pathValues's depths: 1 for the document's own field), and whether its elements were spread.
 */
export class KeyMaker {
  private readonly root: PathNode;
  private readonly n: number;

  constructor(paths: string[], private readonly onArray: (fields: number[], depth: number, spreadMany: boolean) => void) {
    this.root = pathTree(paths);
    this.n = paths.length;
  }

  /** Every key tuple of the document, MISSING where a field has no value; duplicates possible. */
  tuples(doc: Doc): Tuple[] {
    return this.atNode(doc, this.root);
  }

  private atNode(v: any, at: PathNode): Tuple[] {
    if (Array.isArray(v) && at.depth > 0) return this.atArray(v, at);
    const t: Tuple = new Array(this.n);
    for (const f of at.ends) t[f] = v;
    let out = [t];
    const inside = v !== null && typeof v === 'object';
    for (const [part, child] of at.spread) out = this.product(out, inside && part in v ? this.atNode(v[part], child) : this.missing(child), child.fields);
    for (const [pos, child] of at.positional) out = this.product(out, inside && pos in v ? this.atNode(v[pos], child) : this.missing(child), child.fields);
    return out;
  }

  /** An array at this node: one element at a time for every path going through it, its positions read as they are. */
  private atArray(arr: any[], at: PathNode): Tuple[] {
    const spreads = at.ends.length > 0 || at.spread.length > 0;
    this.onArray(at.fields, at.depth, spreads && arr.length > 1);
    let out: Tuple[];
    if (!spreads) out = [new Array(this.n)];
    else if (arr.length === 0) {
      // An empty array at a path's end is its value (indexed as null here); paths going on find nothing.
      const t: Tuple = new Array(this.n);
      for (const f of at.ends) t[f] = undefined;
      for (const [, child] of at.spread) for (const f of child.fields) t[f] = MISSING;
      out = [t];
    } else {
      out = [];
      for (const e of arr) for (const t of this.atElement(e, at)) out.push(t);
    }
    for (const [pos, child] of at.positional) out = this.product(out, this.atNode(arr[pos], child), child.fields);
    return out;
  }

  private atElement(e: any, at: PathNode): Tuple[] {
    const t: Tuple = new Array(this.n);
    for (const f of at.ends) t[f] = e;
    if (!at.spread.length) return [t];
    if (Array.isArray(e)) {
      // An array in an array, mid-path: its elements are read in turn as well (pathValues does the same).
      const inner: PathNode = { depth: at.depth, ends: [], spread: at.spread, positional: [], fields: at.spread.flatMap(([, c]) => c.fields) };
      return this.product([t], this.atArray(e, inner), inner.fields);
    }
    let out = [t];
    const inside = e !== null && typeof e === 'object';
    for (const [part, child] of at.spread) out = this.product(out, inside && part in e ? this.atNode(e[part], child) : this.missing(child), child.fields);
    return out;
  }

  private missing(at: PathNode): Tuple[] {
    const t: Tuple = new Array(this.n);
    for (const f of at.fields) t[f] = MISSING;
    return [t];
  }

  /** Every tuple of `a` with every tuple of `b` (which fills `fields`); `a`'s tuples are fresh and may be filled in place. */
  private product(a: Tuple[], b: Tuple[], fields: number[]): Tuple[] {
    if (b.length === 1) {
      for (const t of a) for (const f of fields) t[f] = b[0][f];
      return a;
    }
    const out: Tuple[] = [];
    for (const ta of a) {
      for (const tb of b) {
        const t = ta.slice();
        for (const f of fields) t[f] = tb[f];
        out.push(t);
      }
    }
    return out;
  }
}
