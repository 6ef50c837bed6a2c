import { fireEvent, render, screen } from '@testing-library/react';
import ProxyPage from '../../client/src/packages/staff/pages/proxy/index';
import { fakeServer } from './support/fakeServer';
import { actAs, proxyPlaces } from './staff-helpers';

/**
 * The proxy form is drawn once; the community's buildings arriving after the first paint, and each keystroke,
 * redraw the part they change, not the whole form (as the resident's: post-form-redraws.test.tsx, issue 16).
 * Counted on the category grid, a part neither touches.
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

test('entering a wish for a resident: the buildings arrive, the name is typed, and the categories are drawn once', async () => {
  actAs('grid_worker');
  fakeServer(Object.fromEntries(Object.entries(proxyPlaces).map(([route, reply]) => [route, () => reply])));
  render(<ProxyPage />);

  await screen.findByText('选择楼栋');
  fireEvent.change(screen.getByLabelText('居民姓名'), { target: { value: '王秀英' } });
  expect(screen.getByDisplayValue('王秀英')).toBeInTheDocument();
  expect(mockDraws.grid).toBe(1);

  fireEvent.click(screen.getByText('维修'));
  expect(mockDraws.grid).toBe(2);
});
