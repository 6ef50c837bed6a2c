import { createFunction } from '../_core/routing/router';
import consent from './actions/consent';
import detail from './actions/detail';
import draft from './actions/draft';
import list from './actions/list';
import ofWish from './actions/ofWish';
import publish from './actions/publish';
import unpublish from './actions/unpublish';

/** 微故事: the secretary drafts a confirmed wish's story, its resident consents (or takes it back), the secretary publishes it to the wall. */
export const main = createFunction('stories', { draft, ofWish, consent, publish, unpublish, detail, list });
