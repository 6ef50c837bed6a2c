import { AppError, WishStates, heldSince, helperNameOf, settingsOf, stallOf, type BoardHolder, type BoardRow, type CommunitySettings, type WishState } from '@shared';
import { ActionSchemas } from '@shared/actions';
import { defineAction } from '../../_core/routing/action';
import { actorFor } from '../../_core/access/wishAccess';
import { namesOf } from '../../_core/access/people';
import { staffScope } from '../../_core/access/staffScope';
import { loadCommunity } from '../../_core/store/loadCommunity';
import { domainOf } from '../../_core/store/stored';
import type { Caller } from '../../_core/access/caller';
import type { Runtime } from '../../_core/runtime/types';
import type { WishDoc } from '../../_core/store/types';
import { wishView } from '../../_core/wishes/views';

/**
 * 全部心愿: every wish of the caller's scope by state (a secretary's community, a grid worker's grids, the town's
 * communities read-only), newest first, each with who holds it and whether it is stalled, and the count of each state.
 */
export default defineAction({
  input: ActionSchemas.dispatch.board,
  roles: ['secretary', 'grid_worker', 'town_admin'],
  async run({ input, caller, rt }) {
    const scope = await staffScope(rt, caller, input.communityId);
    if (input.gridId) {
      // Narrowing only: a grid worker reads their own grids, a secretary any grid of the community; the town no grid.
      const mine = scope.gridIds
        ? scope.gridIds.includes(input.gridId)
        : caller.roles.includes('secretary') && caller.communityId !== undefined && Boolean(await rt.repos.org.grid(caller.communityId, input.gridId));
      if (!mine) throw new AppError('FORBIDDEN', '只能查看您负责的网格');
      scope.gridIds = [input.gridId];
    }
    const empty = scope.gridIds?.length === 0;
    const [page, counted] = empty
      ? [{ items: [] as WishDoc[] }, new Map<string, number>()]
      : await Promise.all([rt.repos.wishes.ofScope(scope, { status: input.status, cursor: input.cursor, limit: input.limit ?? 20 }), rt.repos.wishes.countsByStatus(scope)]);
    const counts = Object.fromEntries(WishStates.map((s) => [s, counted.get(s) ?? 0])) as Record<WishState, number>;
    const now = rt.now();
    const rows = await rowsOf(rt, page.items, caller, now);
    return { items: rows, nextCursor: 'nextCursor' in page ? page.nextCursor : undefined, counts, at: now };
  },
});

async function rowsOf(rt: Runtime, docs: WishDoc[], caller: Caller, now: Date): Promise<BoardRow[]> {
  const settings = new Map<string, CommunitySettings>();
  for (const id of new Set(docs.map((d) => d.communityId))) settings.set(id, settingsOf((await loadCommunity(rt, id)).settings));
  const people = docs.flatMap((d) => [...d.claims.flatMap((c) => [c.claimerId, c.assigneeId]), ...(d.assignment?.target.kind === 'user' ? [d.assignment.target.id] : [])]);
  const unitIds = new Set(docs.flatMap((d) => [...d.claims.flatMap((c) => (c.unitId ? [c.unitId] : [])), ...(d.assignment?.target.kind === 'unit' ? [d.assignment.target.id] : [])]));
  const names = await namesOf(rt, people);
  const units = new Map<string, string>();
  for (const id of unitIds) {
    const unit = await rt.repos.org.unitAnywhere(id);
    if (unit) units.set(id, unit.name);
  }
  return docs.map((doc) => {
    const viewer = actorFor(caller, doc);
    const person = (id: string) => helperNameOf(names.has(id) ? { userId: id, name: names.get(id)!, communityId: doc.communityId, townId: doc.townId } : undefined, viewer);
    const holders: BoardHolder[] = [];
    for (const c of doc.claims) {
      const started = c.startedAt !== undefined ? { started: true } : {};
      if (c.kind === 'unit' && c.unitId) {
        holders.push({ kind: 'unit', id: c.unitId, name: units.get(c.unitId) ?? '共建单位', ...started });
        if (c.assigneeId !== c.claimerId) holders.push({ kind: 'user', id: c.assigneeId, name: person(c.assigneeId), ...started });
      } else holders.push({ kind: 'user', id: c.assigneeId, name: person(c.assigneeId), ...started });
    }
    const target = doc.assignment?.target;
    if (target && doc.status === 'assigned') {
      holders.push({ kind: target.kind, id: target.id, name: target.kind === 'unit' ? (units.get(target.id) ?? '共建单位') : person(target.id), pending: true });
    }
    const wish = domainOf(doc);
    const stall = stallOf(wish, settings.get(doc.communityId)!, now);
    const since = heldSince(wish);
    return { wish: wishView(doc, caller), holders, ...(stall ? { stall } : {}), ...(since ? { heldSince: since } : {}) };
  });
}
