import { options } from 'preact';
import { hooks } from '@tarojs/shared';

/**
 * In the mini-program, what a tap or a keystroke changes is drawn before the next event is handled, as it was
 * under React (Taro's React renderer rendered inside the event): Preact on its own renders a microtask later,
 * so two events handled in one task (WeChat may hand over several at once; the miniprogram-simulate suites do)
 * had the second read the screen's state from before the first, e.g. a submit tapped right after typing sent
 * the form without what was typed. Preact's pending render runs at the end of each event instead, and still a
 * microtask after any other change (a reply, a timer).
 */
export function renderAfterEachEvent(): void {
  let pending: (() => void) | undefined;
  const flush = () => {
    const render = pending;
    pending = undefined;
    render?.();
  };
  const microtask = Promise.prototype.then.bind(Promise.resolve());
  options.debounceRendering = (render) => {
    pending = render;
    microtask(flush);
  };
  hooks.tap('dispatchTaroEventFinish', flush);
}
