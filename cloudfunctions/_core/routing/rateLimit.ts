import { AppError } from '@shared';
import type { Runtime } from '../runtime/types';

const DAY_MS = 24 * 3600_000;

/** Posts per person per rolling day (community setting `postsPerDay`), against spam and double taps. */
export async function checkPostingRate(rt: Runtime, userId: string, postsPerDay: number): Promise<void> {
  const now = rt.now();
  const since = new Date(now.getTime() - DAY_MS);
  const recent = await rt.repos.wishes.postedBetween(userId, since, now, postsPerDay);
  if (recent >= postsPerDay) {
    throw new AppError('RATE_LIMITED', `每天最多提交 ${postsPerDay} 个心愿，请明天再来`, { limit: postsPerDay });
  }
}
