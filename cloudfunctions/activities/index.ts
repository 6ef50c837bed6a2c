import { createFunction } from '../_core/routing/router';
import attendance from './actions/attendance';
import cancel from './actions/cancel';
import checkIn from './actions/checkIn';
import checkOut from './actions/checkOut';
import code from './actions/code';
import correct from './actions/correct';
import detail from './actions/detail';
import edit from './actions/edit';
import list from './actions/list';
import mine from './actions/mine';
import publish from './actions/publish';
import signUp from './actions/signUp';
import withdraw from './actions/withdraw';

/** 集体活动: staff publish an event with places and time, volunteers sign up, check in and out with the organiser's code, hours credited on check-out. */
export const main = createFunction('activities', { publish, edit, cancel, list, detail, mine, signUp, withdraw, checkIn, checkOut, code, attendance, correct });
