import { ActionSchemas } from '@shared/actions';
import { defineAction } from '../../_core/routing/action';
import { applyAction } from '../../_core/wishes/apply';
import { checkWishText } from '../../_core/wishes/newWish';
import { wishView } from '../../_core/wishes/views';

/**
 * 整理语音: staff who listened to a wish's voice note type out what was said (the lifecycle's `transcribe`). What they
 * typed is checked like any wish text; the timeline says 工作人员整理了语音内容, and nobody is messaged about it.
 */
export default defineAction({
  input: ActionSchemas.dispatch.transcribe,
  roles: ['secretary', 'grid_worker'],
  async run({ input, caller, rt }) {
    const wish = await rt.repos.wishes.load(input.wishId);
    await checkWishText(rt, caller, { title: input.title, description: input.description });
    const { wish: after } = await applyAction(rt, { wish, action: 'transcribe', caller, input: { description: input.description, title: input.title } });
    return { wish: wishView(after, caller) };
  },
});
