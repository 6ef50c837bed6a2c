import { viewOf, wishDetailOf, type Viewer, type WishDetailView, type WishView } from '@shared';
import { actorFor } from '../access/wishAccess';
import type { Caller } from '../access/caller';
import { domainOf } from '../store/stored';
import type { WishDoc } from '../store/types';

function viewerOf(doc: WishDoc, caller: Caller | null): Viewer {
  return caller ? actorFor(caller, doc) : { kind: 'public' };
}

/** The stored wish as this caller may see it (shared/privacy `viewOf`). */
export function wishView(doc: WishDoc, caller: Caller | null): WishView {
  return viewOf(domainOf(doc), viewerOf(doc, caller));
}

/** wishes.detail as this caller may see it (shared/privacy `wishDetailOf`); null = may not read it. */
export function wishDetailView(doc: WishDoc, caller: Caller, names: ReadonlyMap<string, string>, phones?: ReadonlyMap<string, string>): WishDetailView | null {
  return wishDetailOf(domainOf(doc), doc.events, names, viewerOf(doc, caller), phones);
}
