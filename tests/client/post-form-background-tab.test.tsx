import { render, screen } from '@testing-library/react';
import PostPage from '../../client/src/pages/post/index';
import { taroMock } from './__mocks__/taro';
import { fakeServer } from './support/fakeServer';

/**
 * The post form asks for the resident's building and time bank once it has been drawn (services/afterPaint). A tab
 * in the background draws no frames, so waiting for one there would leave the form at 尚未选择 and without 用时间支付
 * for as long as the tab stays behind: there it asks at once.
 */
afterEach(() => {
  delete (document as { visibilityState?: unknown }).visibilityState;
  jest.restoreAllMocks();
});

test('opened in a background tab, the post form still gets the resident’s building and time bank', async () => {
  Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
  // As in a hidden tab: no frame is drawn, so no animation frame callback runs.
  jest.spyOn(window, 'requestAnimationFrame').mockImplementation(() => 0);
  taroMock.routerParams = {};
  taroMock.storage.set('xy.token', 'token-res');
  taroMock.storage.set('xy.session', {
    user: { id: 'u-res', name: '胡秀兰', phone: '13812345678', memberships: [{ communityId: 'c1', roles: ['resident'], buildingId: 'b3' }] },
    activeRole: 'resident',
  });
  const server = fakeServer({
    'org.buildings': () => ({ items: [{ id: 'b3', name: '3号楼', location: { type: 'Point', coordinates: [110.1146, 32.8094] } }] }),
    'timebank.mine': () => ({ townId: 't1', townName: '花园镇', balance: 3, held: 0, entries: [], family: [] }),
  });
  render(<PostPage />);

  await screen.findByText('3号楼');
  await screen.findByText(/用时间支付/);
  expect(server.calls.map((c) => c.route).sort()).toEqual(['org.buildings', 'timebank.mine']);
});
