import { OfflineError } from '../../services/errors';
import { bundledChecks, importChecks } from './importChecks';

export type Checks = Awaited<ReturnType<typeof importChecks>>;

let loaded: Checks | undefined = bundledChecks;
let loading: Promise<Checks> | undefined;

/**
 * The post form's checks (checks.ts), fetched once: the form asks when the person starts on it and awaits them
 * before the first submit. A fetch that fails (offline) is an OfflineError, and the next call tries again.
 */
export function loadChecks(): Promise<Checks> {
  loading ??= importChecks().then(
    (m) => (loaded = m),
    () => {
      loading = undefined;
      throw new OfflineError();
    },
  );
  return loading;
}

/** Whether the checks are here (always, where they come with the page): a form then validates at once. */
export function checksLoaded(): boolean {
  return loaded !== undefined;
}

/** The checks, once loadChecks has resolved; before, a mistake in the caller. */
export function loadedChecks(): Checks {
  if (!loaded) throw new Error('the post form’s checks are used before loadChecks() resolved');
  return loaded;
}
