import { fireEvent, render, screen } from '@testing-library/react';
import PostPage from '../../client/src/pages/post/index';
import { taroMock } from './__mocks__/taro';
import { fakeServer } from './support/fakeServer';

/**
 * The wish forms are drawn once; what comes after (the resident's building and time bank, the community's buildings
 * on the proxy form, each keystroke) redraws the part it changes, not the whole form. On a phone each whole-form
 * redraw (some 250 components) was a long task of its own after the first paint (issue 16: the post form's
 * Lighthouse TBT). Counted on the category grid, a part none of those answers or keystrokes touch.
 */
const mockDraws = { grid: 0 };
jest.mock('../../client/src/components/CategoryGrid', () => {
  const actual = jest.requireActual('../../client/src/components/CategoryGrid');
  return {
    ...actual,
    CategoryGrid: (props: Parameters<typeof actual.CategoryGrid>[0]) => {
      mockDraws.grid += 1;
      return actual.CategoryGrid(props);
    },
  };
});

beforeEach(() => {
  mockDraws.grid = 0;
});

test('posting a wish: the building and the time bank arrive, the title is typed, and the categories are drawn once', async () => {
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
  fireEvent.change(screen.getByPlaceholderText(/陪同去医院打疫苗/), { target: { value: '想请人陪我去打流感疫苗' } });
  expect(mockDraws.grid).toBe(1);

  // The part a tap changes is redrawn.
  fireEvent.click(screen.getByText('维修'));
  expect(mockDraws.grid).toBe(2);
  expect(screen.getByText('维修').closest('[role="radio"]')).toHaveAttribute('aria-checked', 'true');
});
