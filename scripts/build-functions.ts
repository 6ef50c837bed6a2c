/**
 * Bundles each cloud function for WeChat cloud: one CommonJS file per function with
 * shared/ and cloudfunctions/_core/ inside, a package.json with pinned externals, and
 * the function's config.json (timer trigger, openapi permissions).
 *
 *   npm run build:functions            → dist/functions/<fn>/{index.js,package.json,config.json}
 */
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

const ROOT = path.resolve(__dirname, '..');
const OUT = path.join(ROOT, 'dist', 'functions');

export const FUNCTION_NAMES = ['wishes', 'tasks', 'dispatch', 'org', 'stats', 'notify', 'cron', 'certificates', 'stories', 'points', 'timebank', 'activities', 'open311'] as const;

/**
 * mongodb 7 requires Node ≥ 20.19: the WeChat cloud function runtime must be set to
 * Node.js 20 (a 20.19+ image); the bundle targets it and package.json says so.
 */
export const NODE_TARGET = 'node20.19';
export const NODE_ENGINES = '>=20.19.0';

/** Installed by WeChat cloud from the generated package.json (npm install on upload), never bundled. */
const EXTERNALS = ['mongodb', 'wx-server-sdk'] as const;

function pinnedVersions(): Record<string, string> {
  const root = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
  const out: Record<string, string> = {};
  for (const name of EXTERNALS) {
    const v = root.dependencies[name];
    if (!v || !/^\d+\.\d+\.\d+$/.test(v)) throw new Error(`${name} must be a pinned dependency in package.json (found ${v ?? 'nothing'})`);
    out[name] = v;
  }
  return out;
}

function configJson(fn: string) {
  const config: Record<string, unknown> = {
    // openapi calls made through wx-server-sdk need these permissions declared.
    permissions: { openapi: ['subscribeMessage.send', 'security.msgSecCheck'] },
  };
  if (fn === 'cron') {
    // WeChat timer syntax: second minute hour day month weekday year → every minute.
    config.triggers = [{ name: 'tick', type: 'timer', config: '0 * * * * * *' }];
  }
  return config;
}

export async function buildFunctions(outDir = OUT): Promise<string[]> {
  const versions = pinnedVersions();
  const built: string[] = [];
  for (const fn of FUNCTION_NAMES) {
    const dir = path.join(outDir, fn);
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    await build({
      entryPoints: [path.join(ROOT, 'cloudfunctions', fn, 'index.ts')],
      outfile: path.join(dir, 'index.js'),
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: NODE_TARGET,
      external: [...EXTERNALS],
      tsconfig: path.join(ROOT, 'tsconfig.json'),
      logLevel: 'warning',
      legalComments: 'none',
      banner: { js: `// xinyuan cloud function "${fn}" — built by scripts/build-functions.ts; runtime Node.js ${NODE_ENGINES}` },
    });
    const pkg = {
      name: `xinyuan-${fn}`,
      version: '1.0.0',
      private: true,
      description: `心愿 Xinyuan cloud function: ${fn}`,
      main: 'index.js',
      engines: { node: NODE_ENGINES },
      dependencies: versions,
      xinyuan: { nodeTarget: NODE_TARGET, wechatRuntime: 'Nodejs20.19' },
    };
    fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(pkg, null, 2) + '\n');
    fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify(configJson(fn), null, 2) + '\n');
    built.push(dir);
  }
  return built;
}

if (require.main === module) {
  buildFunctions().then(
    (dirs) => {
      for (const d of dirs) {
        const size = fs.statSync(path.join(d, 'index.js')).size;
        console.log(`${path.relative(ROOT, d).padEnd(26)} ${(size / 1024).toFixed(0).padStart(5)} KB`);
      }
    },
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
}
