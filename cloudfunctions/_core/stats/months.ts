import { statDay } from '@shared';
import type { Runtime } from '../runtime/types';
import type { Range } from '../store/range';

/** The China months a window touches that have anything counted, oldest first: the rows of a breakdown by month. */
export async function monthsOf(rt: Runtime, communityIds: string[], range: Range): Promise<string[]> {
  const from = range.from ? statDay(new Date(range.from)) : undefined;
  const to = range.to ? statDay(new Date(range.to)) : undefined;
  return rt.repos.statCounters.months(communityIds, { from, to });
}
