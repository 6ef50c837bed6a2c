import { createFunction } from '../_core/routing/router';
import inbox from './actions/inbox';
import read from './actions/read';
import subscribe from './actions/subscribe';

/** Subscribe-message consents and the in-app inbox. */
export const main = createFunction('notify', { subscribe, inbox, read });
