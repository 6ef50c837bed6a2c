import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { call } from '../../client/src/services/api';
import StoriesPage from '../../client/src/packages/staff/pages/stories/index';
import { taroMock } from './__mocks__/taro';
import { actAs, callsTo, routeCalls } from './staff-helpers';
import { wishFixture } from './support/fakeServer';

jest.mock('../../client/src/services/api', () => ({ call: jest.fn(), httpJson: jest.fn(), apiUrl: (p: string) => p }));
const callMock = call as jest.Mock;

const REPORT_PHOTO = `/files/${'c'.repeat(64)}.jpg`;
const faucet = wishFixture({ id: 'w-faucet', title: '厨房水龙头漏水请帮忙维修', category: 'repair', status: 'confirmed', completion: { note: '换了阀芯', photos: [REPORT_PHOTO], at: '2026-11-20T10:00:00+08:00' }, rating: { stars: 4, comment: '修好了，很及时', at: '2026-11-21T10:00:00+08:00' } });
const legal = wishFixture({ id: 'w-legal', title: '咨询拖欠工资如何维权', category: 'legal_aid', status: 'confirmed' });
/** Entered by staff for someone with no account: nobody can consent for them. */
const noAccount = wishFixture({ id: 'w-phone', title: '电话反映的心愿', category: 'repair', status: 'confirmed', ownerId: 'u-staff', createdBy: 'u-staff', beneficiary: { name: '王奶奶' } });
const told = wishFixture({ id: 'w-light', title: '楼道灯坏了需要更换', category: 'repair', status: 'confirmed' });
const story = {
  id: 's-light', wishId: 'w-light', title: '楼道灯坏了需要更换', category: 'repair', categoryLabel: '维修', note: '楼道亮了', beforePhotos: [], afterPhotos: [],
  residentName: '杨**', helpers: ['刘*'], draftedAt: '2026-11-25T10:00:00+08:00', status: 'consented', statusLabel: '居民已同意，待发布',
};

beforeEach(() => {
  callMock.mockReset();
  actAs('secretary');
});

test('the secretary sees which confirmed wishes may be told (never a sensitive one, nor one whose resident cannot consent, nor one told already) and publishes a consented story', async () => {
  let current = story;
  routeCalls(callMock, {
    'stories.list': () => ({ items: [current] }),
    'dispatch.queue': () => ({ items: [faucet, legal, noAccount, told] }),
    'stories.publish': () => ((current = { ...story, status: 'published', statusLabel: '已发布' }), { story: current }),
  });
  render(<StoriesPage />);
  expect(await screen.findByText('厨房水龙头漏水请帮忙维修')).toBeInTheDocument();
  expect(callsTo(callMock, 'dispatch', 'queue')[0][2]).toMatchObject({ status: 'confirmed' });
  expect(screen.queryByText('咨询拖欠工资如何维权')).not.toBeInTheDocument();
  expect(screen.queryByText('电话反映的心愿')).not.toBeInTheDocument();
  expect(screen.getAllByText('楼道灯坏了需要更换')).toHaveLength(1);

  fireEvent.click(screen.getByText('厨房水龙头漏水请帮忙维修'));
  expect(taroMock.navigations.at(-1)?.url).toBe('/packages/staff/pages/stories/index?wishId=w-faucet');

  const card = screen.getByLabelText('故事：楼道灯坏了需要更换');
  fireEvent.click(within(card).getByRole('button', { name: '发布到心愿墙' }));
  await within(screen.getByLabelText('故事：楼道灯坏了需要更换')).findByText('已发布');
  expect(callsTo(callMock, 'stories', 'publish')[0][2]).toEqual({ storyId: 's-light' });
  expect(within(screen.getByLabelText('故事：楼道灯坏了需要更换')).getByRole('button', { name: '撤下' })).toBeInTheDocument();
});

test('the draft of one wish: the words, the helper’s report photos as "after", the resident’s thanks; sent for the resident to answer', async () => {
  taroMock.routerParams = { wishId: 'w-faucet' };
  routeCalls(callMock, {
    'stories.list': () => ({ items: [] }),
    'dispatch.queue': () => ({ items: [faucet] }),
    'wishes.detail': () => ({ wish: faucet, events: [], people: {}, relations: ['staff'], actions: [] }),
    'stories.draft': (d: Record<string, unknown>) => ({ story: { ...story, ...d, status: 'awaiting_consent' } }),
  });
  render(<StoriesPage />);
  const form = await screen.findByLabelText('撰写微故事');
  fireEvent.click(within(form).getByRole('button', { name: '请居民确认' }));
  expect(await within(form).findByText('请写几句这个心愿的故事')).toBeInTheDocument();
  expect(callsTo(callMock, 'stories', 'draft')).toHaveLength(0);

  fireEvent.change(within(form).getByLabelText('故事'), { target: { value: '  杨大爷家的水龙头滴了一个月。 ' } });
  fireEvent.click(within(form).getByText(/引用居民的感谢/));
  fireEvent.click(within(form).getByText(/引用居民的感谢/));
  fireEvent.click(within(form).getByRole('button', { name: '请居民确认' }));
  await waitFor(() => expect(callsTo(callMock, 'stories', 'draft')).toHaveLength(1));
  expect(callsTo(callMock, 'stories', 'draft')[0][2]).toEqual({ wishId: 'w-faucet', note: '杨大爷家的水龙头滴了一个月。', beforePhotos: [], afterPhotos: [REPORT_PHOTO], withThanks: true });
  await waitFor(() => expect(taroMock.navigations.at(-1)).toEqual({ kind: 'redirectTo', url: '/packages/staff/pages/stories/index' }));
});
