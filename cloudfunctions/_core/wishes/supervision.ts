import { SupervisionActions, type SupervisionAct, type SupervisionAction } from '@shared';
import type { WishEventDoc } from '../store/types';

const isSupervision = (action: string): action is SupervisionAction => (SupervisionActions as readonly string[]).includes(action);

/** The town's 督办 acts on a wish, oldest first, from its timeline: what the escalation list and the workbench show. */
export function supervisionActsOf(events: readonly WishEventDoc[]): SupervisionAct[] {
  return events.flatMap((e) => {
    if (!isSupervision(e.action)) return [];
    const act: SupervisionAct = { action: e.action, at: e.at };
    if (e.note) act.note = e.note;
    if (e.meta?.fromCommunityId) act.fromCommunityId = e.meta.fromCommunityId;
    if (e.meta?.assignId && e.action === 'townAssign') act.unitId = e.meta.assignId;
    return [act];
  });
}
