import { ActionSchemas } from '@shared/actions';
import { defineAction } from '../../_core/routing/action';
import { moveStory } from './move';

/** Onto the wall: only a story its resident consented to. */
export default defineAction({
  roles: ['secretary'],
  input: ActionSchemas.stories.publish,
  run: ({ input, caller, rt }) => moveStory(rt, caller, input.storyId, 'publish'),
});
