import { View } from '@tarojs/components';
import type { Banner } from '../lib/useDecisions';

/** The outcome of the last action, in words: done, someone was faster, or it failed. */
export function BannerView({ banner }: { banner: Banner }) {
  return (
    <View className={`staff-banner staff-banner--${banner.tone}`} role={banner.tone === 'info' ? 'status' : 'alert'}>
      {banner.text}
    </View>
  );
}
