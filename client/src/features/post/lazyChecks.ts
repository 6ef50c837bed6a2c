import { lazyModule } from '../../services/lazyModule';
import { bundledChecks, importChecks } from './importChecks';

export type Checks = Awaited<ReturnType<typeof importChecks>>;

/**
 * The post form's checks (checks.ts), fetched once (services/lazyModule): the form asks when the person starts on
 * it and awaits them before the first submit. A fetch that fails (offline) is an OfflineError, and the next call
 * tries again.
 */
const checks = lazyModule<Checks>(bundledChecks, importChecks, 'the post form’s checks');

export const loadChecks = (): Promise<Checks> => checks.load();

/** Whether the checks are here (always, where they come with the page): a form then validates at once. */
export const checksLoaded = (): boolean => checks.isLoaded();

/** The checks, once loadChecks has resolved; before, a mistake in the caller. */
export const loadedChecks = (): Checks => checks.get();
