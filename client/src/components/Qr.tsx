import { useMemo } from 'react';
import { Image } from '@tarojs/components';
import { isH5 } from '../services/platform';
import { modulePixels, qrModules, qrPath, qrSvg, svgDataUrl } from './qrDrawing';

/**
 * Text as a QR code about `size` px wide (whole pixels per module, so it scans sharp): in the browser an inline
 * SVG, in the mini-program an <image> of the same SVG (qrDrawing.ts). `label` is what a screen reader says for it.
 */
export function Qr({ text, label, size = 180 }: { text: string; label: string; size?: number }) {
  const modules = useMemo(() => qrModules(text), [text]);
  const n = modules.length;
  const px = modulePixels(size, n) * n;
  const src = useMemo(() => (isH5 ? '' : svgDataUrl(qrSvg(modules))), [modules]);
  if (isH5) {
    return (
      <svg role='img' aria-label={label} width={px} height={px} viewBox={`0 0 ${n} ${n}`} shapeRendering='crispEdges' style={{ display: 'block' }}>
        <rect width={n} height={n} fill='#fff' />
        <path fill='#000' d={qrPath(modules)} />
      </svg>
    );
  }
  // WeChat's accessibility reads aria-role and aria-label on any component.
  return <Image aria-role='img' aria-label={label} src={src} style={{ width: `${px}px`, height: `${px}px`, display: 'block' }} />;
}
