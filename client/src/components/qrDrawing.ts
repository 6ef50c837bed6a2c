import { encode } from 'uqr';

/*
 * A QR code as one SVG: the h5 page puts it in the document, the mini-program shows it as an <image> of a
 * data: URL (WeChat's <image> takes SVG, and base64 data URLs). One <path> of dark runs, not a square per
 * module: a 37×37 code was ~1 000 nodes in WeChat's view tree (and as many setData entries) as squares.
 * Pure: no Taro, so tests and both platforms draw the same thing.
 */

/** Light modules round the code: the scanner needs a quiet edge, and a card's grey is not white. */
const QUIET_MODULES = 2;

/** The code's modules, quiet zone included: `modules[row][col]` is dark. */
export function qrModules(text: string): boolean[][] {
  return encode(text, { border: QUIET_MODULES }).data;
}

/** The dark modules as one path in module units: a rectangle per run of dark modules in a row. */
export function qrPath(modules: readonly (readonly boolean[])[]): string {
  let d = '';
  modules.forEach((row, y) => {
    let x = 0;
    while (x < row.length) {
      if (!row[x]) {
        x++;
        continue;
      }
      const start = x;
      while (x < row.length && row[x]) x++;
      d += `M${start} ${y}h${x - start}v1h${start - x}z`;
    }
  });
  return d;
}

/** The whole code as an SVG document, one unit per module; `crispEdges` keeps modules sharp at any size. */
export function qrSvg(modules: readonly (readonly boolean[])[]): string {
  const n = modules.length;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${n} ${n}" shape-rendering="crispEdges">` +
    `<rect width="${n}" height="${n}" fill="#fff"/><path fill="#000" d="${qrPath(modules)}"/></svg>`
  );
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Base64 of ASCII text (an SVG we wrote): the mini-program has no btoa. */
export function asciiBase64(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i += 3) {
    const a = text.charCodeAt(i);
    const b = i + 1 < text.length ? text.charCodeAt(i + 1) : NaN;
    const c = i + 2 < text.length ? text.charCodeAt(i + 2) : NaN;
    const n = (a << 16) | ((b || 0) << 8) | (c || 0);
    out += B64[(n >> 18) & 63] + B64[(n >> 12) & 63] + (Number.isNaN(b) ? '=' : B64[(n >> 6) & 63]) + (Number.isNaN(c) ? '=' : B64[n & 63]);
  }
  return out;
}

/** The SVG as a data: URL for an <image>. */
export function svgDataUrl(svg: string): string {
  return `data:image/svg+xml;base64,${asciiBase64(svg)}`;
}

/** Whole pixels per module, so every module is the same size on screen (at least 2 px: 1 px modules do not scan). */
export function modulePixels(size: number, modules: number): number {
  return Math.max(2, Math.floor(size / modules));
}
