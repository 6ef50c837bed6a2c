import { MAX_SECONDS, MIN_MS, permissionText, secondsOf, type RecordingHandle, type RecordingOutcome } from './recorder';

/** What this browser's MediaRecorder can make, best first: Chrome webm, Firefox ogg, Safari mp4 (all take opus or aac). */
const TYPES = ['audio/webm;codecs=opus', 'audio/ogg;codecs=opus', 'audio/mp4', 'audio/webm'];

/**
 * A recording in the browser: the microphone (getUserMedia, which only a secure page may ask for; 127.0.0.1 is one)
 * into a MediaRecorder, the result a blob: URL that Taro's uploadFile sends. The microphone is let go when it ends.
 */
export function recordInBrowser(done: (o: RecordingOutcome) => void): RecordingHandle {
  let recorder: MediaRecorder | null = null;
  let ended: 'stop' | 'cancel' | null = null;
  let started = 0;
  let limit: ReturnType<typeof setTimeout> | undefined;

  const finish = (how: 'stop' | 'cancel') => {
    if (ended && recorder) return;
    ended = how;
    if (recorder && recorder.state !== 'inactive') recorder.stop();
  };

  const media = typeof navigator !== 'undefined' ? navigator.mediaDevices : undefined;
  if (!media?.getUserMedia || typeof MediaRecorder === 'undefined') {
    done({ error: '这个浏览器不能录音，请在微信中打开，或改用文字' });
    return { stop() {}, cancel() {} };
  }
  media
    .getUserMedia({ audio: true })
    .then((stream) => {
      const mimeType = TYPES.find((t) => MediaRecorder.isTypeSupported?.(t));
      const rec = new MediaRecorder(stream, mimeType ? { mimeType } : undefined);
      const chunks: Blob[] = [];
      rec.ondataavailable = (e) => {
        if (e.data.size > 0) chunks.push(e.data);
      };
      rec.onstop = () => {
        clearTimeout(limit);
        stream.getTracks().forEach((t) => t.stop());
        const ms = Date.now() - started;
        if (ended === 'cancel' || ms < MIN_MS || chunks.length === 0) done({ cancelled: true });
        else done({ recording: { path: URL.createObjectURL(new Blob(chunks, { type: rec.mimeType || mimeType })), seconds: secondsOf(ms) } });
      };
      recorder = rec;
      started = Date.now();
      rec.start();
      limit = setTimeout(() => finish('stop'), MAX_SECONDS * 1000);
      // Let go before the microphone answered: end as soon as it started.
      if (ended) rec.stop();
    })
    .catch((err: unknown) => done({ error: permissionText(err) }));
  return { stop: () => finish('stop'), cancel: () => finish('cancel') };
}
