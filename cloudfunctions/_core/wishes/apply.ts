import { AppError, SYSTEM, decide, recalledFrom, settingsOf, transitionOf, unitsAdministeredBy, type CommunitySettings, type DecideInput, type TransitionAction } from '@shared';
import { actorFor, canRead, relationsTo } from '../access/wishAccess';
import type { Caller } from '../access/caller';
import { newId } from '../store/ids';
import { domainOf } from '../store/stored';
import type { StoredExtra } from '../store/wishes';
import type { Runtime } from '../runtime/types';
import type { Repositories } from '../store/repositories';
import type { WishDoc, WishEventDoc } from '../store/types';
import { loadCommunity } from '../store/loadCommunity';
import { onServiceConfirmed, onServicesWithdrawn } from '../recognition/serviceConfirmed';
import { assertHoursCover, movesHours, settleWishHours, townOf } from '../timebank/withdraw';
import { countServices, countWish } from '../stats/counters';

const MAX_ATTEMPTS = 25;

export interface Apply {
  wish: WishDoc;
  action: TransitionAction;
  /** null: the timer. */
  caller: Caller | null;
  input?: DecideInput;
  /** Facts the domain does not decide but the store keeps (a grid derived from a building). */
  extra?: StoredExtra;
  settings?: CommunitySettings;
}

/**
 * The one way a wish changes: the domain decides (shared/lifecycle `decide`: who may, from
 * which state, with which guards, and the change), then the repository writes the change and
 * the event at once, matching the revision that was decided on. A write that lost a race re-reads
 * and decides again, so the answer is always about the wish as it is (200 claims on one place:
 * one wins, the rest are told ALREADY_CLAIMED).
 */
export async function applyAction(rt: Runtime, a: Apply): Promise<{ wish: WishDoc; event: WishEventDoc }> {
  const settings = a.settings ?? (await settingsFor(rt, a.wish));
  let wish = a.wish;
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const decision = decideAs(rt, wish, a, settings);
    const event: WishEventDoc = { ...decision.event, id: newId() };
    // A resubmitted wish paid by hours holds them again: refused before anything is written when they are not there.
    if (a.action === 'resubmit' && wish.paidHours) await assertHoursCover(rt.repos, townOf(wish), wish.ownerId, wish.paidHours);
    const after = await writeStep(rt, wish, a.action, decision.change, event, a.extra, settings);
    if (after) return { wish: after, event };
    wish = await rt.repos.wishes.load(wish._id);
  }
  throw new AppError('CONFLICT', '心愿正被多人同时操作，请稍后再试');
}

/**
 * Writes the step, and for a confirmation or a dispute the services it makes count or withdraws and what they earn
 * (points and hours, `onServiceConfirmed`) or give back, as one transaction: a crash cannot leave a confirmed wish
 * whose services are not stamped or whose helpers were not credited, and a confirmation run again (a retry without
 * a requestId, the timer after the resident) is refused by the table or credits nothing more, every entry being
 * keyed by the service it is for. What it changes in the
 * statistics (stats/counters) is added once that commits. A request's write is already in its transaction (routing/idempotency), which this joins. Otherwise
 * only those two steps open one (their actors are the resident and the timer, one at a time): a claim outside a
 * transaction stays a single conditional write, so two hundred helpers racing for places are answered at once rather
 * than queued behind each other's locks, and its counters follow it (were the process to die in between, the
 * rebuild, `npm run stats -- rebuild-counters`, reports and fixes the difference).
 */
async function writeStep(
  rt: Runtime, wish: WishDoc, action: TransitionAction, change: Parameters<Runtime['repos']['wishes']['write']>[1], event: WishEventDoc, extra: StoredExtra | undefined,
  settings: CommunitySettings,
): Promise<WishDoc | null> {
  const write = async (repos: Repositories) => {
    const written = await repos.wishes.write(wish, change, event, extra);
    if (!written) return null;
    // A wish paid by hours: its hold is charged on confirmation, released on a cancel or rejection, held again on resubmission.
    if (movesHours(wish, action)) await settleWishHours(repos, written, action, event);
    await countWish(repos, wish, written);
    // Confirmation (the resident's or the automatic one) is when the wish's services and hours count, and are credited.
    if (action === 'confirm') {
      await countServices(repos, await repos.services.confirmWish(written._id, event.at), 1);
      const services = await repos.services.confirmedOfWish(written._id);
      await onServiceConfirmed(
        { ...rt, repos },
        services.map((s) => ({ id: s._id, communityId: s.communityId, userId: s.userId, hours: s.hours, category: s.category, wishId: written._id, title: written.title })),
        event.at,
        settings,
      );
    }
    // A disputed completion counts nothing: its services go, and completing again records afresh; anything they earned goes back.
    if (action === 'dispute') {
      await countServices(repos, await repos.services.withdrawWish(written._id), -1);
      await onServicesWithdrawn({ ...rt, repos }, written._id, event.at);
    }
    return written;
  };
  return rt.repos.transactional || action === 'confirm' || action === 'dispute' || movesHours(wish, action) ? rt.repos.inTransaction(write) : write(rt.repos);
}

const settingsFor = async (rt: Runtime, wish: WishDoc) => settingsOf((await loadCommunity(rt, wish.communityId)).settings);

/** An action of those who hold a wish (the table's claimer, assignee, unit admin): what a recall takes from them. */
const WORKER_STEP = (action: TransitionAction) => transitionOf(action).actors.some((r) => r === 'claimer' || r === 'assignee' || r === 'unit_admin_of_claiming_unit');

/** `decide` for the caller, refusing as an outsider is refused: a wish you may not read does not exist for you. */
function decideAs(rt: Runtime, wish: WishDoc, a: Apply, settings: CommunitySettings) {
  const actor = a.caller ? actorFor(a.caller, wish) : SYSTEM;
  try {
    return decide(domainOf(wish), a.action, actor, rt.now(), { settings, input: a.input });
  } catch (err) {
    // A helper's step on a wish staff have just taken back from them (收回 won the race with their 开始服务): say so, and why.
    if (err instanceof AppError && err.code === 'FORBIDDEN' && a.caller && WORKER_STEP(a.action)) {
      const recall = recalledFrom(wish.events, a.caller.id, actor.kind === 'user' ? unitsAdministeredBy(actor) : []);
      if (recall) throw new AppError('FORBIDDEN', `社区已收回这个心愿：${recall.reason}`, { action: a.action, reason: 'recalled', recall });
    }
    if (err instanceof AppError && err.code === 'FORBIDDEN' && a.caller && !canRead(relationsTo(a.caller, wish), wish, a.caller)) {
      throw new AppError('NOT_FOUND', '心愿不存在');
    }
    throw err;
  }
}

/**
 * Refuses exactly as `applyAction` would, writing nothing. Run it before looking up what the input
 * names (a dispatch target, a unit member): otherwise that check answers first, and tells someone
 * who may not act on the wish — or may not know it exists — about it and the people of its community.
 */
export async function assertAllowed(rt: Runtime, a: Apply): Promise<CommunitySettings> {
  const settings = a.settings ?? (await settingsFor(rt, a.wish));
  decideAs(rt, a.wish, a, settings);
  return settings;
}
