import { useEffect, useRef, useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { audioSrc } from '../services/files';
import { useMediaFailed } from './mediaRefresh';

type Audio = ReturnType<typeof Taro.createInnerAudioContext>;

/**
 * A voice note as WeChat shows one: a bar as long as it runs (longer notes, longer bars) with its seconds; a tap
 * plays it, another stops it. `src`: a stored reference (`/files/…`, cloud fileID), or with `local` a recording not yet sent.
 */
export function VoicePlayer({ src, seconds, label = '语音', local = false }: { src: string; seconds: number; label?: string; local?: boolean }) {
  const [playing, setPlaying] = useState(false);
  // Which URL failed: a fresh one (the screen fetched the wish again) is not shown as failed.
  const [failedUrl, setFailedUrl] = useState<string>();
  const audio = useRef<Audio | null>(null);
  const expired = useMediaFailed();
  // A recording not sent yet plays from the recorder's own file; anything else only if it is one we stored.
  const url = local ? src : audioSrc(src);
  const failed = failedUrl !== undefined && failedUrl === url;

  useEffect(
    () => () => {
      audio.current?.destroy();
      audio.current = null;
    },
    [url],
  );

  const toggle = () => {
    if (!url) return;
    if (playing) {
      audio.current?.stop();
      setPlaying(false);
      return;
    }
    if (!audio.current) {
      const a = Taro.createInnerAudioContext();
      a.src = url;
      a.onEnded(() => setPlaying(false));
      a.onStop(() => setPlaying(false));
      a.onError(() => {
        setPlaying(false);
        setFailedUrl(url);
        // Its link may have expired while the screen stayed open: the screen fetches a fresh one; a tap plays it.
        if (!local) expired(url);
      });
      audio.current = a;
    }
    setFailedUrl(undefined);
    setPlaying(true);
    audio.current.play();
  };

  // 60 s fills the bar; a short note is still wide enough to press.
  const width = `${Math.round(30 + (70 * Math.min(seconds, 60)) / 60)}%`;
  return (
    <View className="voice">
      <View
        className={`voice__bar${playing ? ' voice__bar--playing' : ''}`}
        style={{ width }}
        role="button"
        aria-label={`${playing ? '停止播放' : '播放'}${label}，${seconds} 秒`}
        onClick={toggle}
      >
        <Text className="voice__icon">{playing ? '■' : '▶'}</Text>
        <Text className="voice__seconds">{seconds}″</Text>
      </View>
      {(failed || !url) && <Text className="voice__error">语音无法播放</Text>}
    </View>
  );
}
