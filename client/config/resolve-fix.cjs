// Preloaded by the build scripts (node -r). With `legacy-peer-deps=true` npm hoists
// ajv-keywords@5 next to ajv@6, but ajv-keywords@5 needs ajv@8 (a peer dependency npm
// then skips), so terser-webpack-plugin's schema-utils crashes at load. Point
// ajv-keywords' `ajv` imports at the ajv@8 that schema-utils already ships. Remove
// once the lockfile nests ajv@8 under ajv-keywords.
const Module = require('node:module');
const path = require('node:path');

const original = Module._resolveFilename;
let ajv8Dir;

function findAjv8(from) {
  if (ajv8Dir !== undefined) return ajv8Dir;
  ajv8Dir = null;
  try {
    const schemaUtils = path.dirname(require.resolve('schema-utils/package.json', { paths: [from] }));
    const candidate = path.join(schemaUtils, 'node_modules');
    const version = require(path.join(candidate, 'ajv', 'package.json')).version;
    if (Number(version.split('.')[0]) >= 8) ajv8Dir = candidate;
  } catch {
    ajv8Dir = null;
  }
  return ajv8Dir;
}

Module._resolveFilename = function resolveFilename(request, parent, ...rest) {
  if ((request === 'ajv' || request.startsWith('ajv/')) && parent?.filename?.includes(`${path.sep}ajv-keywords${path.sep}`)) {
    const dir = findAjv8(parent.filename);
    if (dir) {
      try {
        return original.call(this, require.resolve(request, { paths: [dir] }), parent, ...rest);
      } catch {
        // fall through to normal resolution
      }
    }
  }
  return original.call(this, request, parent, ...rest);
};
