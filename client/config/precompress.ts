import zlib from 'node:zlib';
import type { Compiler } from 'webpack';

/** What is worth compressing: text. Images and fonts are compressed already. */
const TEXT = /\.(js|css|html|svg|json)$/;

/**
 * The brotli and gzip copies of one built file, at the highest levels (it happens once, at build
 * time, not per request); none when the file is too small or compresses too little to be worth a
 * second request path. The server sends `<file>.br` or `<file>.gz` as the browser accepts
 * (@fastify/static's preCompressed).
 */
export function compressedVariants(name: string, source: Buffer): { name: string; data: Buffer }[] {
  if (!TEXT.test(name) || source.length < 512) return [];
  const br = zlib.brotliCompressSync(source, {
    params: { [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: source.length },
  });
  const gz = zlib.gzipSync(source, { level: zlib.constants.Z_BEST_COMPRESSION });
  return [
    { name: `${name}.br`, data: br },
    { name: `${name}.gz`, data: gz },
  ].filter((v) => v.data.length < source.length * 0.9);
}

/** Emits `.br` and `.gz` beside every text asset of the h5 build, once its files are final. */
export class PrecompressPlugin {
  apply(compiler: Compiler): void {
    const { Compilation, sources } = compiler.webpack;
    compiler.hooks.thisCompilation.tap('PrecompressPlugin', (compilation) => {
      compilation.hooks.processAssets.tap({ name: 'PrecompressPlugin', stage: Compilation.PROCESS_ASSETS_STAGE_OPTIMIZE_TRANSFER }, (assets) => {
        for (const [name, asset] of Object.entries(assets)) {
          for (const v of compressedVariants(name, asset.buffer())) {
            compilation.emitAsset(v.name, new sources.RawSource(v.data), { compressed: true, immutable: compilation.getAsset(name)?.info.immutable });
          }
        }
      });
    });
  }
}
