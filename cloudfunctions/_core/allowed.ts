import type { Relation } from '@shared';
import type { WishDoc } from './types';

/**
 * The buttons a client may show for this caller on this wish. The server still checks
 * every call; this only spares people a button that would be refused.
 */
export function allowedActionsFor(wish: WishDoc, rel: Set<Relation>, me: string): string[] {
  const out: string[] = [];
  const s = wish.status;
  const staff = rel.has('staff') || rel.has('grid_staff');
  const mine = wish.claims.find((c) => c.claimerId === me || c.assigneeId === me);
  if (rel.has('owner') && s === 'pending_review') out.push('wishes.update');
  if (rel.has('owner') && s === 'rejected') out.push('wishes.resubmit');
  if ((rel.has('owner') || rel.has('staff')) && ['pending_review', 'rejected', 'open', 'assigned', 'claimed', 'in_progress'].includes(s)) out.push('wishes.cancel');
  if (rel.has('owner') && s === 'done') out.push('wishes.confirm');
  if (rel.has('owner') && s === 'confirmed' && !wish.rating) out.push('wishes.rate');
  if (staff && s === 'pending_review') out.push('dispatch.approve', 'dispatch.reject');
  if (staff && s === 'open' && wish.claims.length === 0) out.push('dispatch.assign');
  if (rel.has('volunteer') && !mine && (s === 'open' || s === 'claimed') && wish.slotsFree > 0) out.push('tasks.claim');
  if (s === 'assigned' && (rel.has('assignee') || rel.has('unit_admin_of_claiming_unit'))) out.push('tasks.accept', 'tasks.decline');
  if (mine && s === 'claimed') out.push('tasks.extend', 'tasks.release', 'tasks.start');
  if (mine && (s === 'claimed' || s === 'in_progress')) out.push('tasks.progress', 'tasks.complete');
  if (rel.has('unit_admin_of_claiming_unit') && (s === 'claimed' || s === 'in_progress')) out.push('tasks.handover');
  return out;
}
