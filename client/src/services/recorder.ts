import Taro from '@tarojs/taro';
import { Limits } from '@shared/vocab/limits';

/** A finished recording: a local file (a WeChat temp path, a browser blob: URL) and how long it runs. */
export interface Recording {
  path: string;
  seconds: number;
}

/** How a recording ended: a file, nothing (cancelled, or too short to be speech), or why it could not be made. */
export type RecordingOutcome = { recording: Recording } | { cancelled: true } | { error: string };

export interface RecordingHandle {
  /** Finish and keep it (the finger lifted). */
  stop(): void;
  /** Finish and throw it away (slid up to cancel). */
  cancel(): void;
}

export const MAX_SECONDS = Limits.voiceSeconds;
/** Shorter than this is a tap, not something said. */
export const MIN_MS = 1000;

/** Whole seconds as the schema counts them: at least 1, at most the limit. */
export const secondsOf = (ms: number) => Math.min(MAX_SECONDS, Math.max(1, Math.round(ms / 1000)));

export function permissionText(err: unknown): string {
  const text = String((err as { errMsg?: string; name?: string; message?: string })?.errMsg ?? (err as Error)?.name ?? err);
  if (/auth|deny|denied|NotAllowed|Permission|Security/i.test(text)) return '没有麦克风权限，请在设置中允许使用麦克风后再试';
  if (/NotFound|no.*device/i.test(text)) return '没有找到麦克风';
  return '录音失败，请再试一次';
}

/** The mini-program's one RecorderManager; its listeners are set once and follow the recording in progress. */
let current: ((outcome: { path: string; ms: number } | { error: unknown }) => void) | null = null;
let wired = false;

function recordWeapp(done: (o: RecordingOutcome) => void): RecordingHandle {
  const rm = Taro.getRecorderManager();
  if (!wired) {
    rm.onStop((res) => current?.({ path: res.tempFilePath, ms: res.duration }));
    rm.onError((err) => current?.({ error: err }));
    wired = true;
  }
  let cancelled = false;
  current = (o) => {
    current = null;
    if ('error' in o) done({ error: permissionText(o.error) });
    else if (cancelled || o.ms < MIN_MS) done({ cancelled: true });
    else done({ recording: { path: o.path, seconds: secondsOf(o.ms) } });
  };
  // mp3 at speech quality: a minute is some 360 KB, well within the server's voice limit.
  rm.start({ duration: MAX_SECONDS * 1000, format: 'mp3', sampleRate: 16000, numberOfChannels: 1, encodeBitRate: 48000 });
  return {
    stop: () => rm.stop(),
    cancel: () => {
      cancelled = true;
      rm.stop();
    },
  };
}

/**
 * Starts recording at once (a press-and-hold: the finger is down). The mini-program records mp3 with its
 * RecorderManager; the browser uses MediaRecorder, whose code is fetched the first time it is needed. Stops by
 * itself at the limit. `done` is called once.
 */
export function startRecording(done: (o: RecordingOutcome) => void): RecordingHandle {
  if (process.env.TARO_ENV !== 'h5') return recordWeapp(done);
  let handle: RecordingHandle | null = null;
  let ended: 'stop' | 'cancel' | null = null;
  void import('./recorderH5')
    .then((m) => {
      handle = m.recordInBrowser(done);
      if (ended) handle[ended]();
    })
    .catch((err: unknown) => done({ error: permissionText(err) }));
  return {
    stop: () => (handle ? handle.stop() : (ended = 'stop')),
    cancel: () => (handle ? handle.cancel() : (ended = 'cancel')),
  };
}
