import { createFunction } from '../_core/routing/router';
import cancel from './actions/cancel';
import confirm from './actions/confirm';
import dispute from './actions/dispute';
import create from './actions/create';
import detail from './actions/detail';
import mine from './actions/mine';
import nudge from './actions/nudge';
import rate from './actions/rate';
import resubmit from './actions/resubmit';
import similar from './actions/similar';
import update from './actions/update';

/** 群众点单: what a resident does with their own wishes. */
export const main = createFunction('wishes', { create, update, resubmit, cancel, mine, detail, confirm, dispute, rate, similar, nudge });
