import type { ReactNode } from 'react';
import { Image, View } from '@tarojs/components';

/** A row of square thumbnails; what a tap does (remove, open full size) and what a photo that fails to load does are the caller's. */
export function PhotoThumbs({ srcs, labelOf, onTap, onFail, children }: { srcs: string[]; labelOf: (i: number) => string; onTap: (i: number) => void; onFail?: (src: string) => void; children?: ReactNode }) {
  return (
    <View className="photos">
      {srcs.map((src, i) => (
        <Image key={src} className="photo" src={src} mode="aspectFill" lazyLoad ariaLabel={labelOf(i)} onClick={() => onTap(i)} onError={onFail && (() => onFail(src))} />
      ))}
      {children}
    </View>
  );
}
