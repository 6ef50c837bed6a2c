/**
 * Build-time edits to a dependency's published code (webpack loaders in config/index.ts), for fixes its maintainers
 * have not made. Each edit names text that must occur exactly once: a dependency whose code no longer reads so fails
 * the build, naming the fix, so an upgrade cannot drop it silently.
 */
export type Edit = readonly [find: string, replace: string];

export function applyEdits(source: string, edits: readonly Edit[], file: string, fix: string, check: string): string {
  return edits.reduce((code, [find, replace]) => {
    const at = code.indexOf(find);
    if (at < 0 || code.indexOf(find, at + 1) >= 0) {
      throw new Error(`${fix}: ${file} no longer has exactly one "${find}"; ${check}, and update or drop this fix.`);
    }
    return code.slice(0, at) + replace + code.slice(at + find.length);
  }, source);
}
