import { AppError, describeTimeEntry, familyLinkOf, inverseRelation as inverse, type FamilyLinkView, type TimeEntryView } from '@shared';
import { actorFor } from '../../_core/access/wishAccess';
import type { Caller } from '../../_core/access/caller';
import type { FamilyLinkDoc, TimeEntryDoc } from '../../_core/store/timebank';

/** The town whose time bank the caller uses: hours count alike in each of its communities. */
export function bankTown(caller: Caller): string {
  const townId = caller.membership?.townId ?? caller.townId;
  if (!townId) throw new AppError('FORBIDDEN', '请先通过邀请码加入社区');
  return townId;
}

export function timeEntryView(e: TimeEntryDoc): TimeEntryView {
  return { id: e._id, kind: e.kind, hours: e.hours, at: e.at, text: describeTimeEntry(e), ...(e.wishId ? { wishId: e.wishId } : {}) };
}

/** A link as the caller (one of its two people) sees it; the other's name as shared/privacy `familyLinkOf` allows. */
export function familyLinkView(l: FamilyLinkDoc, caller: Caller): FamilyLinkView {
  const askedByMe = l.fromId === caller.id;
  const other = askedByMe ? { id: l.toId, name: l.toName } : { id: l.fromId, name: l.fromName };
  const view = { id: l._id, other, relation: askedByMe ? l.relation : inverse(l.relation), status: l.status, askedByMe, createdAt: l.createdAt };
  return familyLinkOf(view, l, actorFor(caller, { communityId: caller.communityId ?? '' }));
}

/** A link the caller is one end of; any other is "not found", whoever's it is. */
export function ownLink(l: FamilyLinkDoc | null, callerId: string): FamilyLinkDoc {
  if (!l || (l.fromId !== callerId && l.toId !== callerId)) throw new AppError('NOT_FOUND', '家人关系不存在');
  return l;
}
