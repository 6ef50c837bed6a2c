import { createFunction } from '../_core/routing/router';
import download from './actions/download';
import issue from './actions/issue';
import mine from './actions/mine';
import verify from './actions/verify';

/** 志愿服务证明: issue a helper's certificate of hours, download it again, and the public check of a serial. */
export const main = createFunction('certificates', { issue, download, verify, mine });
