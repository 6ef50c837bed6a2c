import { ActionSchemas } from '@shared/actions';
import { defineAction } from '../../_core/routing/action';
import { wishView } from '../../_core/wishes/views';

/** My wishes, newest first: those I posted and those entered on my behalf. */
export default defineAction({
  input: ActionSchemas.wishes.mine,
  async run({ input, caller, rt }) {
    const page = await rt.repos.wishes.ownedBy(caller.id, { cursor: input.cursor, limit: input.limit ?? 20, status: input.status });
    return { items: page.items.map((w) => wishView(w, caller)), nextCursor: page.nextCursor };
  },
});
