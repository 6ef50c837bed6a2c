import { createFunction } from '../_core/routing/router';
import answerFamily from './actions/answerFamily';
import askFamily from './actions/askFamily';
import audit from './actions/audit';
import mine from './actions/mine';
import removeFamily from './actions/removeFamily';
import transfer from './actions/transfer';

/** 时间银行: hours of confirmed service deposited, withdrawn as wishes paid by hours, given to family; per person per town. */
export const main = createFunction('timebank', { mine, askFamily, answerFamily, removeFamily, transfer, audit });
