import { AppError, ringsOverlap, withinRing, type GridBoundary } from '@shared';
import { ActionSchemas } from '@shared/actions';
import { defineAction } from '../../_core/routing/action';
import { requireMember, requireSecretary, withId } from '../../_core/access/orgAccess';
import { requireActive } from '../../_core/wishes/assignTarget';
import type { Runtime } from '../../_core/runtime/types';

/**
 * The outline must hold the grid's own buildings (those placed on the map): an outline drawn
 * beside them would put the grid's wishes outside its own area on the map.
 */
async function requireBuildingsInside(rt: Runtime, communityId: string, boundary: GridBoundary, buildingIds: readonly string[]): Promise<void> {
  if (buildingIds.length === 0) return;
  const wanted = new Set(buildingIds);
  const outside = (await rt.repos.org.buildings(communityId)).filter(
    (b) => wanted.has(b._id) && b.location && !withinRing(b.location.coordinates, boundary),
  );
  if (outside.length > 0) {
    const names = outside.map((b) => b.name).join('、');
    throw new AppError('VALIDATION_FAILED', `网格边界未包含：${names}`, { fields: [{ path: 'boundary', message: `边界应包含本网格的楼栋：${names}` }] });
  }
}

/** Grids of a community border each other, never share ground: a wish there would be two grid workers' or nobody's. */
async function requireNoOverlap(rt: Runtime, communityId: string, id: string | undefined, boundary: GridBoundary): Promise<void> {
  const others = (await rt.repos.org.grids(communityId)).filter((g) => g._id !== id && g.boundary && ringsOverlap(boundary, g.boundary));
  if (others.length > 0) {
    const names = others.map((g) => g.name).join('、');
    throw new AppError('VALIDATION_FAILED', `网格边界与其他网格重叠：${names}`, { fields: [{ path: 'boundary', message: `边界不能与「${names}」重叠（相邻网格可以共用边线）` }] });
  }
}

export default defineAction({
  input: ActionSchemas.org.saveGrid,
  async run({ input, caller, rt }) {
    const communityId = requireSecretary(caller);
    // A deactivated member (停用) would be the grid's worker nobody reaches: the call list skips them, the wishes wait.
    if (input.gridWorkerId) requireActive(await requireMember(rt, communityId, input.gridWorkerId, 'gridWorkerId'), communityId, 'gridWorkerId', '担任网格员');
    // The grid lists only the community's buildings: a foreign id would sit in the list, counted and shown, and be nobody's.
    if (input.buildingIds?.length && !(await rt.repos.org.allBuildingsOf(communityId, input.buildingIds))) {
      throw new AppError('VALIDATION_FAILED', '楼栋不存在', { fields: [{ path: 'buildingIds', message: '包含不属于本社区的楼栋' }] });
    }
    const stored = input.id ? await rt.repos.org.grid(communityId, input.id) : null;
    if (input.id && !stored) throw new AppError('NOT_FOUND', '记录不存在');
    // Either side may change: the new outline around the stored buildings, or new buildings inside the stored outline.
    const boundary = input.boundary === undefined ? stored?.boundary : (input.boundary ?? undefined);
    if (boundary) await requireBuildingsInside(rt, communityId, boundary, input.buildingIds ?? stored?.buildingIds ?? []);
    if (input.boundary) await requireNoOverlap(rt, communityId, input.id, input.boundary);
    const fields = {
      name: input.name,
      ...(input.gridWorkerId ? { gridWorkerId: input.gridWorkerId } : {}),
      ...(input.buildingIds ? { buildingIds: input.buildingIds } : {}),
      ...(input.boundary ? { boundary: input.boundary } : {}),
    };
    const unset = [...(input.gridWorkerId === null ? (['gridWorkerId'] as const) : []), ...(input.boundary === null ? (['boundary'] as const) : [])];
    const grid = await rt.repos.org.saveGrid(communityId, input.id, input.id ? fields : { buildingIds: [], ...fields }, unset);
    if (input.buildingIds) await rt.repos.org.setGridBuildings(communityId, grid._id, input.buildingIds);
    return { grid: withId(grid) };
  },
});
