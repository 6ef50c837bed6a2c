// How commands write: straight into the engine, or into an open transaction's write set.
import { Doc } from '../index/values';
import { idKey } from '../storage/collection';
import { Engine, LogRecord } from '../storage/engine';

export interface Writer {
  insert(ns: string, doc: Doc): void;
  replace(ns: string, before: Doc, after: Doc): void;
  remove(ns: string, before: Doc): void;
}

export class DirectWriter implements Writer {
  constructor(private readonly engine: Engine, readonly log: LogRecord[]) {}

  insert(ns: string, doc: Doc): void {
    const c = this.engine.ensure(ns, this.log);
    this.engine.insert(c, doc, this.log);
  }

  replace(ns: string, before: Doc, after: Doc): void {
    const c = this.engine.ensure(ns, this.log);
    this.engine.replace(c, before, after, this.log);
  }

  remove(ns: string, before: Doc): void {
    const c = this.engine.get(ns);
    if (c && c.docs.has(idKey(before._id))) this.engine.remove(c, before, this.log);
  }
}
