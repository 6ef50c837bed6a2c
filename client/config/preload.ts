import type { Compiler } from 'webpack';
import { EarlyCalls, earlyCallsScript } from './earlyCalls';

/**
 * Every h5 page is a lazy chunk, so the browser learns of the chunks a page needs only once the app's
 * entry has downloaded and run: one round trip after another on a slow phone network, and on a slow
 * phone the entry's start-up (React, Taro's router) before the page's own script is even asked for.
 * What each page needs is known at build time, so index.html asks for it alongside the entry:
 *   - the chunks every page loads (Taro's components, the transport) as plain preloads;
 *   - the opened page's own chunks (its script and styles, and what it shares with some other pages)
 *     by a few lines of script that read the page from the address (`#/pages/home/index?…`).
 */
export class PreloadCommonChunksPlugin {
  /** `fnBase`: where the app calls its functions (`<apiBase>/api/fn/`), for the screen's early calls (services/earlyCalls.ts). */
  constructor(private readonly options: { fnBase: string }) {}

  apply(compiler: Compiler): void {
    const { Compilation, sources } = compiler.webpack;
    compiler.hooks.thisCompilation.tap('PreloadCommonChunksPlugin', (compilation) => {
      compilation.hooks.processAssets.tap(
        // Once html-webpack-plugin has written index.html, before the files are compressed.
        { name: 'PreloadCommonChunksPlugin', stage: Compilation.PROCESS_ASSETS_STAGE_OPTIMIZE_INLINE + 100 },
        (assets) => {
          const html = assets['index.html'];
          if (!html) return;
          const pageGroups = compilation.chunkGroups
            .map((g) => ({ g, page: g.isInitial() ? undefined : g.origins.map((o) => pagePathOf(o.request)).find((p) => p !== undefined) }))
            .filter((x): x is { g: (typeof compilation.chunkGroups)[number]; page: string } => x.page !== undefined);
          if (pageGroups.length === 0) return;
          const filesOf = (g: (typeof pageGroups)[number]['g']) => [...new Set(g.chunks.flatMap((c) => [...c.files].filter((f) => /\.(js|css)$/.test(f))))];
          const js = (f: string) => f.endsWith('.js');
          const common = filesOf(pageGroups[0].g).filter((f) => js(f) && pageGroups.every(({ g }) => filesOf(g).includes(f)));
          const base = String(compilation.outputOptions.publicPath ?? '/');
          const byPage: Record<string, string[]> = {};
          for (const { g, page } of pageGroups) byPage[page] = filesOf(g).filter((f) => !common.includes(f));
          const links = common.map((f) => `<link rel="preload" as="script" href="${base}${f}">`).join('');
          // The page's preloads go before the stylesheet: a script after a stylesheet waits for it to arrive.
          // Then the screen's first reads, so their answers travel while the scripts arrive and run.
          const script = `<script>${pagePreloadScript(byPage, base)};${earlyCallsScript(EarlyCalls, this.options.fnBase)}</script>`;
          const out = html
            .source()
            .toString()
            .replace('</title>', `</title>${script}`)
            .replace('</head>', `${links}</head>`);
          compilation.updateAsset('index.html', new sources.RawSource(out));
        },
      );
    });
  }
}

/** `./pages/home/index` or `packages/helper/pages/hall/index` (a chunk group's origin) → the page as the router names it. */
export function pagePathOf(request: string | undefined): string | undefined {
  const m = /^(?:\.\/)?((?:packages\/[^/]+\/)?pages\/[^/]+\/index)(?:\.[jt]sx?)?$/.exec(request ?? '');
  return m?.[1];
}

/**
 * The inline script that preloads the opened page's files: `#/pages/wish/index?id=…` → its scripts and styles.
 * An address that names no page of the app (the bare address: the router's entry page, which sends the person on)
 * preloads nothing more.
 */
export function pagePreloadScript(byPage: Record<string, string[]>, base: string): string {
  return (
    `(function(m,b){var p=location.hash.replace(/^#\\/?/,'').split('?')[0];(m[p]||[]).forEach(function(u){` +
    `var l=document.createElement('link');l.rel='preload';l.as=/\\.css$/.test(u)?'style':'script';l.href=b+u;document.head.appendChild(l)})})` +
    `(${JSON.stringify(byPage)},${JSON.stringify(base)})`
  );
}
