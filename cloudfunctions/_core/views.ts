import { viewOf, wishDetailOf, type Viewer, type WishDetailView, type WishEvent, type WishView } from '@shared';
import { actorFor } from './access';
import type { Caller } from './caller';
import type { WishDoc } from './types';

/** The stored wish as the domain declares it (no storage fields). */
function domainWish(doc: WishDoc): Parameters<typeof viewOf>[0] {
  const { _id, events: _events, rev: _rev, progress: _progress, ...rest } = doc;
  return { ...rest, id: _id } as unknown as Parameters<typeof viewOf>[0];
}

function viewerOf(doc: WishDoc, caller: Caller | null): Viewer {
  return caller ? actorFor(caller, doc) : { kind: 'public' };
}

/** The stored wish as this caller may see it (shared/privacy `viewOf`). */
export function wishView(doc: WishDoc, caller: Caller | null): WishView {
  return viewOf(domainWish(doc), viewerOf(doc, caller));
}

/** wishes.detail as this caller may see it (shared/privacy `wishDetailOf`); null = may not read it. */
export function wishDetailView(doc: WishDoc, caller: Caller, names: ReadonlyMap<string, string>): WishDetailView | null {
  return wishDetailOf(domainWish(doc), doc.events as unknown as WishEvent[], names, viewerOf(doc, caller));
}
