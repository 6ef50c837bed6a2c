import { createFunction } from '../_core/routing/router';
import audit from './actions/audit';
import cancel from './actions/cancel';
import catalogue from './actions/catalogue';
import fulfil from './actions/fulfil';
import lookup from './actions/lookup';
import mine from './actions/mine';
import redeem from './actions/redeem';
import saveItem from './actions/saveItem';

/** 积分 and the 爱心超市: a helper's points from confirmed service, the shelf, redemptions and the desk that hands them over. */
export const main = createFunction('points', { mine, catalogue, redeem, cancel, saveItem, lookup, fulfil, audit });
