/**
 * The weapp build leaves zod's JSON Schema output out of the main package (client/config/noJsonSchema.ts): the
 * stand-in modules must still give zod's schemas every name they import from the real ones, or a schema would be
 * missing a hook at build time; and nothing of ours may ask for JSON Schema, which would throw in the mini-program.
 */
import fs from 'node:fs';
import path from 'node:path';
import { exportedNames, unavailableModule } from '../../client/config/noJsonSchema';

const root = path.join(__dirname, '..', '..');
const zodCore = path.join(root, 'node_modules', 'zod', 'v4', 'core');
const read = (file: string) => fs.readFileSync(file, 'utf8');

/** What one zod module imports from another: `import { a, b as c } from "./x.js"` and `ns.name` after `import * as ns`. */
function importedFrom(source: string, module: string): string[] {
  const names = new Set<string>();
  const escaped = module.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  for (const m of source.matchAll(new RegExp(`import \\{([^}]*)\\} from "[./]*(?:core/)?${escaped}"`, 'g'))) {
    for (const part of m[1].split(',')) if (part.trim()) names.add(part.trim().split(/\s+as\s+/)[0]);
  }
  for (const m of source.matchAll(new RegExp(`import \\* as (\\w+) from "[./]*(?:core/)?${escaped}"`, 'g'))) {
    for (const use of source.matchAll(new RegExp(`(?<![\\w.-])${m[1]}\\.(\\w+)`, 'g'))) names.add(use[1]);
  }
  return [...names];
}

test('the stand-ins export every name zod’s schemas and core take from the JSON Schema modules', () => {
  const importers = ['classic/schemas.js', 'classic/external.js', 'core/index.js', 'core/json-schema-generator.js'].map((f) => read(path.join(zodCore, '..', f)));
  for (const module of ['json-schema-processors.js', 'to-json-schema.js']) {
    const exported = exportedNames(read(path.join(zodCore, module)));
    const wanted = importers.flatMap((source) => importedFrom(source, module));
    expect(wanted.length).toBeGreaterThan(0);
    expect(wanted.filter((name) => !exported.includes(name))).toEqual([]);
  }
  // `export { processSchema as process }` is exported as `process`.
  expect(exportedNames(read(path.join(zodCore, 'to-json-schema.js')))).toContain('process');
});

test('a stand-in export, if ever called, says why it is not there; a schema’s method factory still makes its method', () => {
  const source = unavailableModule(['toJSONSchema', 'createStandardJSONSchemaMethod']);
  const exports: Record<string, (...args: unknown[]) => () => unknown> = {};
  new Function('exports', source.replace(/^export const (\w+) =/gm, 'exports.$1 ='))(exports);
  expect(() => exports.toJSONSchema()).toThrow(/left out of the mini-program build/);
  // Reading `~standard` calls the factory; only asking that method for JSON Schema throws.
  const method = exports.createStandardJSONSchemaMethod({}, 'input');
  expect(() => method()).toThrow(/left out of the mini-program build/);
});

test('nothing in the client or shared code turns a schema into JSON Schema', () => {
  const offenders: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (e.name !== 'node_modules') walk(p);
      } else if (/\.tsx?$/.test(e.name) && /toJSONSchema|~standard|JSONSchemaGenerator/.test(read(p))) offenders.push(path.relative(root, p));
    }
  };
  walk(path.join(root, 'client', 'src'));
  walk(path.join(root, 'shared'));
  expect(offenders).toEqual([]);
});
