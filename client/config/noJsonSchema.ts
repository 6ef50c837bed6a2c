import fs from 'node:fs';
import path from 'node:path';
import type { Compiler } from 'webpack';

/** zod's JSON Schema output: every schema class carries a hook into it, so it is bundled whether used or not. */
const JSON_SCHEMA_MODULES = /[\\/]zod[\\/]v4[\\/]core[\\/](json-schema-processors|to-json-schema)\.js$/;

/** The names a module of zod exports (`export function f`, `export const c`, `export { a as b }`). */
export function exportedNames(source: string): string[] {
  const names = new Set<string>();
  for (const m of source.matchAll(/^export (?:function\*?|const|let|var|class) ([\w$]+)/gm)) names.add(m[1]);
  for (const m of source.matchAll(/^export \{([^}]*)\}/gm)) {
    for (const part of m[1].split(',')) {
      const name = part.trim().split(/\s+as\s+/).pop();
      if (name) names.add(name);
    }
  }
  return [...names];
}

/**
 * A module with the same names whose every export says, if ever called, why it is not there. The `create…Method`
 * factories are called when a schema's standard-schema props (`~standard`) are read, for its `jsonSchema` member:
 * they hand back a method that throws only when called, so `~standard.validate` keeps working.
 */
export function unavailableModule(names: readonly string[]): string {
  return [
    'const unavailable = () => { throw new Error("zod JSON Schema output is left out of the mini-program build (client/config/noJsonSchema.ts)"); };',
    ...names.map((n) => `export const ${n} = ${/^create\w*Method$/.test(n) ? '() => unavailable' : 'unavailable'};`),
  ].join('\n');
}

/**
 * The mini-program validates with zod but never turns a schema into JSON Schema (nothing in client/ or shared/
 * calls toJSONSchema). zod 4 wires that output into every schema's constructor, so webpack keeps it: some 19 KB of
 * the weapp main package, whose budget is 600 KB. Here the two modules are swapped for ones exporting the same
 * names, each throwing if called. Names are read from zod's own files at build time, so an upgrade that adds one
 * still builds; one that imports a name from elsewhere fails the build loudly (a strict ES module's missing export).
 */
export class NoZodJsonSchemaPlugin {
  apply(compiler: Compiler): void {
    compiler.hooks.normalModuleFactory.tap('NoZodJsonSchemaPlugin', (factory) => {
      // Before resolving, so webpack takes the replacement as any data: module (its own type, no loaders).
      factory.hooks.beforeResolve.tap('NoZodJsonSchemaPlugin', (resolveData) => {
        const file = path.resolve(resolveData.context, resolveData.request);
        if (!resolveData.request.startsWith('.') || !JSON_SCHEMA_MODULES.test(file)) return;
        const names = exportedNames(fs.readFileSync(file, 'utf8'));
        resolveData.request = `data:text/javascript,${encodeURIComponent(`// ${path.basename(file)}\n${unavailableModule(names)}`)}`;
      });
    });
  }
}
