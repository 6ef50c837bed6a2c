import { viewOf, type WishView } from '@shared';
import { actorFor } from './access';
import type { Caller } from './caller';
import type { WishDoc } from './types';

/** The stored wish as this caller may see it (shared/privacy `viewOf`: phone and address masked unless…). */
export function wishView(doc: WishDoc, caller: Caller | null): WishView {
  const { _id, events: _events, rev: _rev, ...rest } = doc;
  const wish = { ...rest, id: _id } as unknown as Parameters<typeof viewOf>[0];
  return viewOf(wish, caller ? actorFor(caller, doc) : { kind: 'public' });
}
