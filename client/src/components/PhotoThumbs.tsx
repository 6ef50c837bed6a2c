import type { ReactNode } from 'react';
import { Image, View } from '@tarojs/components';

/** A row of square thumbnails; what a tap does (remove, open full size) is the caller's. */
export function PhotoThumbs({ srcs, labelOf, onTap, children }: { srcs: string[]; labelOf: (i: number) => string; onTap: (i: number) => void; children?: ReactNode }) {
  return (
    <View className="photos">
      {srcs.map((src, i) => (
        <Image key={src} className="photo" src={src} mode="aspectFill" lazyLoad ariaLabel={labelOf(i)} onClick={() => onTap(i)} />
      ))}
      {children}
    </View>
  );
}
