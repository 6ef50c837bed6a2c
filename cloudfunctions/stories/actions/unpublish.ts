import { ActionSchemas } from '@shared/actions';
import { defineAction } from '../../_core/routing/action';
import { moveStory } from './move';

/** Off the wall, at the secretary's word; the resident's consent stands, so it may go up again. */
export default defineAction({
  roles: ['secretary'],
  input: ActionSchemas.stories.unpublish,
  run: ({ input, caller, rt }) => moveStory(rt, caller, input.storyId, 'unpublish'),
});
