import path from 'node:path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';
import devConfig from './dev';
import prodConfig from './prod';
import { PrecompressPlugin } from './precompress';
import { NoZodJsonSchemaPlugin } from './noJsonSchema';
import { PreloadCommonChunksPlugin } from './preload';
import { TARO_ROUTER_FILES } from './routerLatestWins';
import { TARO_REACT_RUNTIME } from './pageMountTransition';
import { weappTarget } from './target';

const root = path.resolve(__dirname, '..', '..');
const platform = process.env.TARO_ENV === 'h5' ? 'h5' : 'weapp';

// The screens' early reads (h5): read by the build and taken by the app, so compiled into the app as well.
const earlyCallsFile = path.join(__dirname, 'earlyCalls.ts');
const sharedDir = `${path.join(root, 'shared')}${path.sep}`;
const srcDir = `${path.join(root, 'client', 'src')}${path.sep}`;
const zodDir = `${path.sep}node_modules${path.sep}zod${path.sep}`;
const h5ComponentsDir = `${path.join(srcDir, 'components', 'h5')}${path.sep}`;

/**
 * Our modules that do nothing on import but define what they export: shared/, and the client's
 * components, hooks, services and features (not pages, not the app shell). Told so, webpack leaves out
 * what a page does not use, such as the rest of a barrel (components/index.ts) it takes one piece from.
 */
function isPureModule(resource: string): boolean {
  // The h5 components (JavaScript): a page takes the one Taro component it uses, not the rest of the barrel.
  if (resource.startsWith(h5ComponentsDir) && /\.js$/.test(resource)) return true;
  if (resource === earlyCallsFile) return true;
  if (!/\.tsx?$/.test(resource)) return false;
  if (resource.startsWith(sharedDir)) return true;
  // bootYield is imported for what it does as it loads (it holds the app's start for a task), not for an export.
  if (/[\\/]services[\\/]bootYield(\.h5)?\.ts$/.test(resource)) return false;
  return resource.startsWith(srcDir) && !/[\\/]pages[\\/]/.test(resource) && !/[\\/]app\.(tsx?|config\.ts)$/.test(resource);
}

/**
 * Hand-written Taro config (no `taro init`). Project root is `client/`; output goes
 * to the repo's `dist/<platform>` so WeChat DevTools opens `dist/weapp/` from the
 * repo root `project.config.json`.
 */
export default defineConfig<'webpack5'>(async (merge) => {
  // A mini-program must call an absolute server or a cloud env; h5 calls its own origin when none is set.
  const target = process.env.TARO_ENV === 'weapp' ? weappTarget(process.env) : { apiBase: process.env.TARO_APP_API_BASE ?? '', cloudEnv: process.env.TARO_APP_CLOUD_ENV ?? '' };
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'xinyuan',
    date: '2026-11-22',
    designWidth: 375,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    outputRoot: `../dist/${platform}`,
    plugins: ['@tarojs/plugin-html'],
    defineConstants: {
      // Self-hosted weapp builds point at the HTTPS server; empty means same origin (h5) or cloud.
      API_BASE: JSON.stringify(target.apiBase),
      CLOUD_ENV: JSON.stringify(target.cloudEnv),
      // Subscribe-message template ids are per mini-program: {"wish_approved": "<templateId>", …}.
      SUBSCRIBE_TEMPLATES: process.env.TARO_APP_SUBSCRIBE_TEMPLATES ?? '{}',
    },
    alias: {
      '@shared': path.join(root, 'shared'),
    },
    copy: { patterns: [], options: {} },
    // The mini-program on Preact (React's API through preact/compat): react-dom's reconciler was 89 KB of the main
    // package's 600 KB budget. h5 stays on React: on Preact its screens fetched 30 KB (brotli) less each but did not
    // take less of the main thread (npm run bench -- h5profile), and the post form's long tasks grew.
    framework: platform === 'weapp' ? 'preact' : 'react',
    compiler: { type: 'webpack5', prebundle: { enable: false } },
    cache: { enable: false },
    mini: {
      // shared/ lives outside sourceRoot; Taro only runs babel on sourceRoot unless told.
      compile: { include: [path.join(root, 'shared'), earlyCallsFile] },
      // XY_WEAPP_SOURCEMAP=1: source maps beside the scripts (not named in them), to tell which modules fill the main
      // package (each byte of common.js, vendors.js… attributed to the source its map names); the size bench skips .map files.
      ...(process.env.XY_WEAPP_SOURCEMAP === '1' ? { enableSourceMap: true, sourceMapType: 'hidden-source-map' } : {}),
      // Pictures stay files (packages/staff/assets/… beside their sub-package): WeChat's <map> takes a marker's
      // iconPath as a path in the package, not as the data: URL webpack would inline a small picture as.
      imageUrlLoaderOption: { limit: true },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false },
      },
      // The main package has a 600 KB budget (npm run bench -- size): what a page does not use stays out of it.
      webpackChain(chain) {
        chain.module.rule('pure-modules').test(isPureModule).set('sideEffects', false);
        chain.plugin('no-zod-json-schema').use(NoZodJsonSchemaPlugin);
      },
    },
    h5: {
      compile: { include: [path.join(root, 'shared'), earlyCallsFile] },
      publicPath: '/',
      staticDirectory: 'static',
      // XY_H5_SOURCEMAP=1: source maps beside the scripts but not named in them (hidden), for naming the
      // functions of a CPU profile (npm run bench -- h5profile); the browser never fetches them.
      ...(process.env.XY_H5_SOURCEMAP === '1' ? { enableSourceMap: true, sourceMapType: 'hidden-source-map' } : {}),
      router: { mode: 'hash' },
      output: {
        filename: 'js/[name].[contenthash:8].js',
        chunkFilename: 'js/[name].[chunkhash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[chunkhash:8].css',
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false },
      },
      // Taro splits only initial chunks and every h5 page is a lazy one, so each page carried its
      // own copy of zod. One named chunk instead, fetched with the first page that validates a form
      // and cached; the login page and the screens that only show things never fetch it.
      webpackChain(chain) {
        chain.module.rule('pure-modules').test(isPureModule).set('sideEffects', false);
        // View and Text as plain React elements, the other components Taro's (components/h5/index.js says why).
        chain.resolve.alias.set('@tarojs/components$', path.join(srcDir, 'components', 'h5', 'index.js'));
        // The screen shown is the one asked for last, however the scripts arrive (routerLatestWins.ts says why).
        chain.module.rule('router-latest-wins').test(TARO_ROUTER_FILES).use('latest-wins').loader(path.join(__dirname, 'routerLatestWins.ts'));
        // A screen's first render in slices, not one long task (pageMountTransition.ts says why).
        chain.module.rule('page-mount-transition').test(TARO_REACT_RUNTIME).use('transition').loader(path.join(__dirname, 'pageMountTransition.ts'));
        // The h5 targets (babel.config.js: Chrome 57, iOS 11) run async functions: services/bootYield.h5.ts's top-level
        // await is compiled to one; webpack reads the root package.json's older browserslist (iOS 8) and would warn.
        chain.output.merge({ environment: { asyncFunction: true } });
        // Taro.request's polyfills that run in app start-up for nothing: fetch (every browser of the h5 floor has it;
        // 10 KB) and JSONP (never used; 6 KB). AbortController's polyfill stays: iOS 11 lacks it.
        chain.resolve.alias.set('whatwg-fetch$', path.join(__dirname, 'h5', 'noFetchPolyfill.js'));
        chain.resolve.alias.set('jsonp-retry$', path.join(__dirname, 'h5', 'noJsonp.js'));
        // `platform` parses the user agent when its module loads; Taro reads it only in getDeviceInfo: parse on first read.
        chain.resolve.alias.set('platform$', path.join(__dirname, 'h5', 'lazyPlatform.js'));
        // Taro's own styles (taro-components.css, 8 KB, and global.css) are injected by style-loader from the entry's
        // script, parsed inside app.js's start-up: the largest task of every screen. Extracted like ours, they come as
        // a stylesheet of the entry linked before app.css (the same order: Taro's first, so ours override), parsed
        // by the browser with the page's other styles instead of in that task.
        const extract = chain.module.rule('customStyle').uses.values()[0];
        chain.module.rule('taroStyle').uses.clear().end().use('extract').merge(extract.entries());
        const splitChunks = chain.optimization.get('splitChunks');
        chain.optimization.splitChunks({
          ...splitChunks,
          cacheGroups: {
            ...splitChunks.cacheGroups,
            zod: {
              name: 'zod',
              chunks: 'async',
              test: (module: { resource?: string }) => !!module.resource?.includes(zodDir),
              priority: 20,
              enforce: true,
            },
            // What two or more pages share (Taro's components, our components and services) goes in
            // chunks grouped by the pages that use it: fetched once and cached, not again inside every
            // page, and a resident's page never pulls in what only staff pages share.
            pagesShared: {
              chunks: 'async',
              minChunks: 2,
              minSize: 10_000,
              priority: 10,
              reuseExistingChunk: true,
            },
          },
        });
        // Brotli and gzip copies of every text file, made once here and sent as each browser accepts (server/gateway.ts).
        if (process.env.NODE_ENV !== 'development') {
          chain.plugin('preload-common').use(PreloadCommonChunksPlugin, [{ fnBase: `${target.apiBase.replace(/\/$/, '')}/api/fn/` }]);
          chain.plugin('precompress').use(PrecompressPlugin);
        }
      },
    },
  };

  if (process.env.NODE_ENV === 'development') return merge({}, baseConfig, devConfig);
  return merge({}, baseConfig, prodConfig);
});
