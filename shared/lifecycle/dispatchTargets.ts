/**
 * Who staff may dispatch a wish to, as a rule both the dispatch itself (the server refuses) and the picker (it shows
 * the person or unit greyed out, with the same sentence) read. Zod-free: the staff picker loads it.
 */

/** Why a dispatch target can't act now: a stable reason for clients, a sentence for staff. */
export type AssignRefusalReason = 'unit_without_people' | 'too_many_tasks';

export interface AssignRefusal {
  reason: AssignRefusalReason;
  message: string;
  load?: number;
  max?: number;
}

/**
 * A helper already holding the community's maximum of unfinished wishes (`maxOpenTasksPerHelper`) can't get to one
 * more: dispatched anyway, an urgent wish would sit silently with them.
 */
export function helperRefusal(name: string, load: number, max: number): AssignRefusal | null {
  if (load < max) return null;
  return { reason: 'too_many_tasks', message: `${name}手上已有 ${load} 个未完成的心愿（上限 ${max} 个），请改派他人`, load, max };
}

/** A unit with nobody in it (no admin, no member): nobody would hear of the dispatch. */
export function unitRefusal(name: string, hasPeople: boolean, otherwise = '请先邀请单位管理员或改派他人'): AssignRefusal | null {
  if (hasPeople) return null;
  return { reason: 'unit_without_people', message: `「${name}」还没有管理员或成员，派给它没有人会收到，${otherwise}` };
}
