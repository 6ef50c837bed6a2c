import '@testing-library/jest-dom';
import { setImmediate as nodeSetImmediate } from 'node:timers';
import { configure } from '@testing-library/react';
import { taroMock } from './__mocks__/taro';

// The client's browser build: HTTP transport, demo login.
process.env.TARO_ENV = 'h5';

// React renders a transition (an answer drawn, the lower half of a form: hooks/useRemote, useBelowFold) in slices,
// yielding between them through MessageChannel in a browser or setImmediate where there is one. jsdom has neither,
// so each yield fell back to a setTimeout of a millisecond or more and a form's lower half took twice as long to
// appear as it does in a browser; on a loaded CI machine, past the time a findBy waits. Node's setImmediate is the
// browser's MessageChannel here: a task right after the current one.
if (typeof globalThis.setImmediate !== 'function') globalThis.setImmediate = nodeSetImmediate;
// A findBy waits 1 s by default: under a full CI run, two workers and a browser beside them, a screen can take longer.
configure({ asyncUtilTimeout: 3000 });

beforeEach(() => taroMock.reset());
