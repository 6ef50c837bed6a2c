import type { PropsWithChildren } from 'react';
import { useLaunch } from '@tarojs/taro';
import { initCloud } from './services/platform';
import { renderAfterEachEvent } from './services/eventRenders';
import './services/bootYield';
import './app.scss';

// Mini-program only: h5's events come from the browser one task each, and a microtask runs after every one.
if (process.env.TARO_ENV === 'weapp') renderAfterEachEvent();

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    initCloud();
  });
  return children;
}

export default App;
