import { AppError } from '@shared';
import { ActionSchemas } from '@shared/actions';
import { defineAction } from '../../_core/action';
import { relationsTo, requireAny } from '../../_core/access';
import { wishView } from '../../_core/views';
import { actorDoc, loadWish, requireState, transit } from '../../_core/wishStore';

/** 1–5 stars and a word of thanks, once, after the resident confirmed. */
export default defineAction({
  input: ActionSchemas.wishes.rate,
  write: true,
  async run({ input, caller, rt }) {
    const wish = await loadWish(rt, input.wishId);
    const rel = relationsTo(caller, wish);
    requireAny(rel, ['owner'], wish, caller, '只有心愿本人可以评价');
    requireState(wish, ['confirmed'], 'rate');
    if (wish.rating) throw new AppError('CONFLICT', '已经评价过了');
    if (input.comment) await rt.content.check({ comment: input.comment }, caller.user.openid);
    const now = rt.now();
    const rating = { stars: input.stars, ...(input.comment ? { comment: input.comment } : {}), by: caller.id, at: now };
    const { wish: after } = await transit(rt, {
      wish, from: ['confirmed'], to: 'confirmed', action: 'rate', actor: actorDoc(caller, 'resident'), now,
      note: input.comment, meta: { stars: String(input.stars) },
      filter: { rating: { $exists: false } },
      update: { $set: { rating } },
      explain: () => new AppError('CONFLICT', '已经评价过了'),
    });
    return { wish: wishView(after, rel) };
  },
});
