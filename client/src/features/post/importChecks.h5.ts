/** h5: the checks (zod and the wish schemas) as a chunk of their own, fetched on first use (lazyChecks.ts). */
export const bundledChecks: typeof import('./checks') | undefined = undefined;

export function importChecks(): Promise<typeof import('./checks')> {
  return import('./checks');
}
