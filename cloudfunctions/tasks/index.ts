import { createFunction } from '../_core/routing/router';
import accept from './actions/accept';
import claim from './actions/claim';
import complete from './actions/complete';
import decline from './actions/decline';
import extend from './actions/extend';
import handover from './actions/handover';
import mine from './actions/mine';
import nearby from './actions/nearby';
import progress from './actions/progress';
import release from './actions/release';
import start from './actions/start';

/** 单位/党员接单: what helpers do with the wishes they take on. */
export const main = createFunction('tasks', { nearby, claim, extend, release, start, progress, complete, mine, accept, decline, handover });
