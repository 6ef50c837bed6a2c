import { useEffect, useRef, useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import { VoicePlayer } from '../../components/VoicePlayer';
import { isStoredAudio } from '../../services/files';
import { MAX_SECONDS, startRecording, type Recording, type RecordingHandle } from '../../services/recorder';

/** How far up (px) the finger slides before letting go throws the recording away, as in WeChat. */
const CANCEL_SLIDE_PX = 60;

export interface VoiceValue {
  /** A recording not sent yet, or the stored reference of one already sent (a wish being edited). */
  src: string;
  seconds: number;
}

interface Props {
  value?: VoiceValue;
  onChange: (value: VoiceValue | undefined) => void;
  error?: string;
  /** What to say before anything is recorded (the resident's form speaks to the resident, the proxy form to staff). */
  hint?: string;
  /** Whose recording the player names, for screen readers. */
  playerLabel?: string;
}

type Press = { startY: number; cancelling: boolean; handle: RecordingHandle; at: number };

/** Where the finger (or the mouse) is, up and down: a slide up cancels. */
const yOf = (e: unknown) => {
  const ev = e as { touches?: { clientY: number }[]; clientY?: number };
  return ev.touches?.[0]?.clientY ?? ev.clientY ?? 0;
};

/**
 * 按住 说话: press and hold to record (up to a minute), let go to keep it, slide up before letting go to throw it
 * away. Then it can be played, deleted, or recorded again by holding once more. Touch in the mini-program and on
 * phones; the mouse too in a desktop browser.
 */
export function VoiceRecorder({ value, onChange, error, hint, playerLabel = '您录的语音' }: Props) {
  const [press, setPress] = useState<Press | null>(null);
  const [elapsed, setElapsed] = useState(0);
  const [problem, setProblem] = useState<string>();
  const pressRef = useRef<Press | null>(null);
  // A touch is followed by the mouse events the browser makes up for it: those are not a second press.
  const touched = useRef(false);
  pressRef.current = press;

  useEffect(() => {
    if (!press) return undefined;
    const tick = setInterval(() => setElapsed(Math.min(MAX_SECONDS, Math.floor((Date.now() - press.at) / 1000))), 250);
    return () => clearInterval(tick);
  }, [press]);

  // Leaving the page mid-press throws the recording away.
  useEffect(() => () => pressRef.current?.handle.cancel(), []);

  const begin = (y: number) => {
    if (pressRef.current) return;
    setProblem(undefined);
    setElapsed(0);
    const handle = startRecording((outcome) => {
      setPress(null);
      if ('recording' in outcome) onChange(toValue(outcome.recording));
      else if ('error' in outcome) setProblem(outcome.error);
    });
    const next = { startY: y, cancelling: false, handle, at: Date.now() };
    pressRef.current = next;
    setPress(next);
  };
  const move = (y: number) => {
    const p = pressRef.current;
    if (!p) return;
    const cancelling = p.startY - y > CANCEL_SLIDE_PX;
    if (cancelling !== p.cancelling) setPress({ ...p, cancelling });
  };
  const end = (cancel = false) => {
    const p = pressRef.current;
    if (!p) return;
    pressRef.current = null;
    if (cancel || p.cancelling) {
      p.handle.cancel();
      setPress(null);
    } else {
      if (Date.now() - p.at < 1000) setProblem('说话时间太短，请按住说话');
      p.handle.stop();
    }
  };

  // A desktop browser has no touch: the mouse held down does the same (the mini-program has no mouse).
  const mouse = {
    onMouseDown: (e: unknown) => !touched.current && begin(yOf(e)),
    onMouseMove: (e: unknown) => !touched.current && move(yOf(e)),
    onMouseUp: () => !touched.current && end(),
    onMouseLeave: () => !touched.current && pressRef.current && end(),
  } as object;
  const holdLabel = press ? (press.cancelling ? '松开手指，取消录音' : '松开 结束') : value ? '按住 重录' : '按住 说话';
  return (
    <View className="voice-recorder">
      {value && !press && (
        <View className="voice-row">
          <VoicePlayer src={value.src} seconds={value.seconds} local={!isStoredAudio(value.src)} label={playerLabel} />
          <Button className="btn btn--small btn--danger" onClick={() => onChange(undefined)}>
            删除
          </Button>
        </View>
      )}
      <View
        className={`hold${press ? ' hold--active' : ''}${press?.cancelling ? ' hold--cancel' : ''}`}
        role="button"
        aria-label={holdLabel}
        onTouchStart={(e) => {
          touched.current = true;
          begin(yOf(e));
        }}
        onTouchMove={(e) => move(yOf(e))}
        onTouchEnd={() => end()}
        onTouchCancel={() => end(true)}
        {...(process.env.TARO_ENV === 'h5' ? mouse : {})}
      >
        <Text>{holdLabel}</Text>
      </View>
      {press ? (
        <View className="field__hint" role="status">
          <Text>
            {press.cancelling ? '松开手指，取消录音' : `正在录音 ${elapsed}″ / ${MAX_SECONDS}″，上滑取消`}
          </Text>
        </View>
      ) : (
        <View className="field__hint">
          <Text>{value ? '点上面的语音可以听一遍；不满意可删除或重录' : (hint ?? `不方便打字？按住说话，最长 ${MAX_SECONDS} 秒，社区工作人员会听并帮您整理`)}</Text>
        </View>
      )}
      {(problem ?? error) && (
        <View className="field__error" role="alert">
          <Text>{problem ?? error}</Text>
        </View>
      )}
    </View>
  );
}

const toValue = (r: Recording): VoiceValue => ({ src: r.path, seconds: r.seconds });
