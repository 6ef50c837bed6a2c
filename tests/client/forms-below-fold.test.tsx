import { act, render, screen } from '@testing-library/react';
import ProxyPage from '../../client/src/packages/staff/pages/proxy/index';
import { renderPostForm } from './support/postForm';
import { fakeServer } from './support/fakeServer';
import { actAs, proxyPlaces } from './staff-helpers';

/**
 * In the browser the post form draws its first screenful, then, a task after that is on screen, the parts below the
 * fold on a phone (photos, place, time, the submit button): one draw of the whole form was one long task on a slow
 * phone (issue 16, Lighthouse's TBT). The mini-program, drawn by WeChat, draws it at once. (The client tests run as h5.)
 */
afterEach(() => {
  jest.restoreAllMocks();
});

test('in the browser the post form draws the fields on screen first, and the rest once they are drawn', async () => {
  fakeServer({});
  const frames: FrameRequestCallback[] = [];
  jest.spyOn(window, 'requestAnimationFrame').mockImplementation((frame) => frames.push(frame));
  renderPostForm();
  expect(screen.getByPlaceholderText('什么时间、需要做什么、有什么要注意的')).toBeInTheDocument();
  expect(screen.queryByText('添加照片')).toBeNull();
  expect(screen.queryByText('提交心愿')).toBeNull();

  // The browser draws the frame.
  act(() => frames.splice(0).forEach((frame) => frame(performance.now())));
  expect(await screen.findByText('提交心愿')).toBeInTheDocument();
  expect(screen.getByText('添加照片')).toBeInTheDocument();
});

test('代录心愿 too: who, what and the description first; the voice, photos, place, time and priority once they are drawn', async () => {
  actAs('grid_worker');
  fakeServer(Object.fromEntries(Object.entries(proxyPlaces).map(([route, reply]) => [route, () => reply])));
  const frames: FrameRequestCallback[] = [];
  jest.spyOn(window, 'requestAnimationFrame').mockImplementation((frame) => frames.push(frame));
  render(<ProxyPage />);
  expect(await screen.findByLabelText('居民姓名')).toBeInTheDocument();
  expect(screen.queryByText('需要人数')).toBeNull();
  expect(screen.queryByText('希望时间')).toBeNull();

  act(() => frames.splice(0).forEach((frame) => frame(performance.now())));
  expect(await screen.findByText('需要人数')).toBeInTheDocument();
  expect(screen.getByText('希望时间')).toBeInTheDocument();
});
