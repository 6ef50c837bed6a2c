import { createFunction } from '../_core/routing/router';
import approve from './actions/approve';
import assign from './actions/assign';
import callList from './actions/callList';
import lookup from './actions/lookup';
import map from './actions/map';
import reassign from './actions/reassign';
import supervision from './actions/supervision';
import townAssign from './actions/townAssign';
import townUnits from './actions/townUnits';
import urge from './actions/urge';
import cancel from './actions/cancel';
import escalations from './actions/escalations';
import proxyCreate from './actions/proxyCreate';
import queue from './actions/queue';
import recall from './actions/recall';
import board from './actions/board';
import candidates from './actions/candidates';
import reject from './actions/reject';
import transcribe from './actions/transcribe';

/** 社区派单: the community reviews, publishes and dispatches. */
export const main = createFunction('dispatch', { queue, approve, reject, assign, proxyCreate, escalations, cancel, callList, urge, reassign, townAssign, supervision, townUnits, map, recall, board, candidates, lookup, transcribe });
