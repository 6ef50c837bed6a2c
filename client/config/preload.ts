import type { Compiler } from 'webpack';

/**
 * Every h5 page is a lazy chunk, so the browser learns of the chunks a page needs only once the app's
 * entry has downloaded and run: one round trip after another on a slow phone network. The chunks that
 * every page loads (Taro's components, the transport) are known at build time: index.html names them
 * as preloads, fetched alongside the entry instead of after it.
 */
export class PreloadCommonChunksPlugin {
  apply(compiler: Compiler): void {
    const { Compilation, sources } = compiler.webpack;
    compiler.hooks.thisCompilation.tap('PreloadCommonChunksPlugin', (compilation) => {
      compilation.hooks.processAssets.tap(
        // Once html-webpack-plugin has written index.html, before the files are compressed.
        { name: 'PreloadCommonChunksPlugin', stage: Compilation.PROCESS_ASSETS_STAGE_OPTIMIZE_INLINE + 100 },
        (assets) => {
          const html = assets['index.html'];
          if (!html) return;
          const pageGroups = compilation.chunkGroups.filter((g) => !g.isInitial() && g.origins.some((o) => /(^|\/)pages\/[^/]+\/index$/.test(o.request ?? '')));
          if (pageGroups.length === 0) return;
          const filesOf = (g: (typeof pageGroups)[number]) => new Set(g.chunks.flatMap((c) => [...c.files].filter((f) => f.endsWith('.js'))));
          const common = [...filesOf(pageGroups[0])].filter((f) => pageGroups.every((g) => filesOf(g).has(f)));
          if (common.length === 0) return;
          const base = String(compilation.outputOptions.publicPath ?? '/');
          const links = common.map((f) => `<link rel="preload" as="script" href="${base}${f}">`).join('');
          compilation.updateAsset('index.html', new sources.RawSource(html.source().toString().replace('</head>', `${links}</head>`)));
        },
      );
    });
  }
}
