/** h5: the proxy form's checks (zod and the dispatch schemas) as a chunk of their own, fetched on first use. */
export const bundledChecks: typeof import('./proxyChecks') | undefined = undefined;

export function importChecks(): Promise<typeof import('./proxyChecks')> {
  return import('./proxyChecks');
}
