import type { WishView } from '../../services/wishes';

/** Optional fields the form leaves out when empty: on an existing wish, emptying one must clear it. */
const CLEARABLE = ['address', 'contactPhone', 'preferredTime', 'photos', 'voice'] as const;

/**
 * The form's payload as edits to `original` (wishes.update / wishes.resubmit): a field the person
 * emptied is sent as null, which clears it, instead of being left out, which would keep it.
 */
export function editsOf(payload: Record<string, unknown>, original: Pick<WishView, (typeof CLEARABLE)[number]>): Record<string, unknown> {
  // Paying by hours and whom a wish is for are chosen once, when it is posted.
  const { paidHours: _paid, forFamilyId: _for, ...edits } = payload;
  for (const key of CLEARABLE) {
    if (edits[key] === undefined && original[key] !== undefined) edits[key] = null;
  }
  return edits;
}
