import { useCallback, useRef, useState } from 'react';
import { SubmitKey } from '../../../services/requestId';
import { staffApi } from './api';
import { errorText, isRace } from './errors';
import { stateLabel } from './format';
import type { TransitionAction } from '@shared/lifecycle/transitions';
import type { StaffWish } from './api';

export interface Outcome {
  notice: string;
  /** True when the wish is no longer ours to decide: its buttons go away. */
  settled: boolean;
  fresh?: StaffWish;
  /** What the re-read says staff may still do (`wishes.detail` → actions): the card's buttons from then on. */
  actions?: readonly TransitionAction[];
}

export interface Banner {
  tone: 'info' | 'warn' | 'error';
  text: string;
}

/**
 * Optimistic decisions on a list of wishes: the card hides at once, leaves for good on
 * success, and comes back on failure. When someone else acted first (CONFLICT /
 * INVALID_TRANSITION) the wish is re-read and shown as it now stands.
 */
export function useDecisions(removeFromList: (wishId: string) => void, stillOurs: (actions: readonly TransitionAction[]) => boolean) {
  const [pending, setPending] = useState<ReadonlySet<string>>(new Set());
  const [outcomes, setOutcomes] = useState<Record<string, Outcome>>({});
  const [banner, setBanner] = useState<Banner | null>(null);
  // Per wish: retrying the same decision after a lost reply reuses its requestId, so the
  // server answers "done" instead of "someone else acted first".
  const keys = useRef(new Map<string, SubmitKey>());

  const mark = (id: string, on: boolean) =>
    setPending((prev) => {
      const next = new Set(prev);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  const setOutcome = (id: string, outcome: Outcome | null) =>
    setOutcomes((prev) => {
      const next = { ...prev };
      if (outcome) next[id] = outcome;
      else delete next[id];
      return next;
    });

  const decide = useCallback(
    async (wish: StaffWish, intent: object, run: (requestId: string) => Promise<unknown>, done: string) => {
      mark(wish.id, true);
      setOutcome(wish.id, null);
      const key = keys.current.get(wish.id) ?? new SubmitKey();
      keys.current.set(wish.id, key);
      try {
        await run(key.for(intent));
        keys.current.delete(wish.id);
        removeFromList(wish.id);
        setBanner({ tone: 'info', text: done });
      } catch (err) {
        if (isRace(err)) {
          setOutcome(wish.id, await reread(wish, stillOurs));
          setBanner({ tone: 'warn', text: '该心愿已被其他人处理，已刷新为最新状态' });
        } else {
          setOutcome(wish.id, { notice: errorText(err), settled: false });
          setBanner({ tone: 'error', text: `操作未成功：${errorText(err)}` });
        }
      } finally {
        mark(wish.id, false);
      }
    },
    [removeFromList, stillOurs],
  );

  return { pending, outcomes, banner, setBanner, decide };
}

/** After a lost race: the wish as it now stands, and whether the server still offers us the decision (its `actions`). */
async function reread(wish: StaffWish, stillOurs: (actions: readonly TransitionAction[]) => boolean): Promise<Outcome> {
  try {
    const { wish: fresh, actions } = await staffApi.detail(wish.id);
    if (stillOurs(actions)) return { notice: '该心愿刚被修改过，请核对后再操作', settled: false, fresh, actions };
    return { notice: `该心愿已被其他人处理，当前状态：${stateLabel(fresh.status)}`, settled: true, fresh, actions };
  } catch {
    return { notice: '该心愿已被其他人处理，请下拉刷新查看', settled: true };
  }
}
