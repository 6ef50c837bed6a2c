import { OfflineError } from './errors';

export interface LazyModule<M> {
  /** Fetches it once (again after a failure); rejects with OfflineError when it cannot be fetched. */
  load(): Promise<M>;
  /** Whether it is here: always where it comes with the page. */
  isLoaded(): boolean;
  /** The module, once load() has resolved; before, a mistake in the caller. */
  get(): M;
}

/**
 * A module the h5 build fetches apart from the page (a chunk of its own, `importer` in a `.h5.ts` file Taro's build
 * picks) and the mini-program and the tests take with it (`bundled`): the way a form's zod schemas stay out of its
 * page's first load (the post form's checks, features/post/lazyChecks.ts; the proxy form's, staff/lib/proxyForm.ts).
 */
export function lazyModule<M>(bundled: M | undefined, importer: () => Promise<M>, what: string): LazyModule<M> {
  let loaded = bundled;
  let loading: Promise<M> | undefined;
  return {
    load() {
      loading ??= importer().then(
        (m) => (loaded = m),
        () => {
          loading = undefined;
          throw new OfflineError();
        },
      );
      return loading;
    },
    isLoaded: () => loaded !== undefined,
    get() {
      if (!loaded) throw new Error(`${what} used before load() resolved`);
      return loaded;
    },
  };
}
