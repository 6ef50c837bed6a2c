/**
 * Resolves once the browser has drawn the screen as it is now: in h5 the next frame, then a task after it (a
 * requestAnimationFrame callback runs just before the frame is drawn; a task it posts runs after). In the
 * mini-program at once: its pages are drawn by WeChat, not by this thread.
 *
 * For what a screen asks the server for but can be drawn without (the resident's time bank and building on the post
 * form, the community's buildings on the proxy form): asked for before the first paint, the sending is main-thread
 * work in front of that paint, and the answers' re-render can land before it too.
 */
export function afterPaint(): Promise<void> {
  if (process.env.TARO_ENV !== 'h5' || typeof requestAnimationFrame !== 'function') return Promise.resolve();
  // A tab in the background draws no frames: nothing to wait for there.
  if (typeof document !== 'undefined' && document.visibilityState === 'hidden') return Promise.resolve();
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
}
