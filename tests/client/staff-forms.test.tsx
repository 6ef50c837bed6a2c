/**
 * The staff forms that put something new in front of volunteers (an item on the 爱心超市 shelf, a 集体活动): each is
 * checked here as the server will check it, sends nothing until it passes, and says what the server refused.
 */
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { AppError } from '@shared/errors';
import { call } from '../../client/src/services/api';
import { ShelfEditor } from '../../client/src/packages/staff/pages/store/ShelfEditor';
import { ActivityForm } from '../../client/src/packages/staff/pages/activities/ActivityForm';
import { actAs, callsTo, routeCalls } from './staff-helpers';

jest.mock('../../client/src/services/api', () => ({ call: jest.fn(), httpJson: jest.fn(), apiUrl: (p: string) => p }));
const callMock = call as jest.Mock;

beforeEach(() => {
  callMock.mockReset();
  actAs('secretary');
});

const type = (label: string, value: string) => fireEvent.input(screen.getByLabelText(label), { target: { value }, detail: { value } });

describe('爱心超市: the shelf', () => {
  test('an item without its points and stock is pointed out beside each field, and nothing is sent', async () => {
    routeCalls(callMock, { 'points.catalogue': { items: [] } });
    render(<ShelfEditor />);
    fireEvent.click(await screen.findByText('添加物品'));
    type('物品名称', '洗衣液');
    fireEvent.click(screen.getByText('保存'));
    expect(await screen.findByText('请填写所需积分')).toBeInTheDocument();
    expect(screen.getByText('请填写库存')).toBeInTheDocument();
    expect(callsTo(callMock, 'points', 'saveItem')).toHaveLength(0);
  });

  test('a complete item is saved, the form closes and the shelf is read again with it', async () => {
    let shelf: unknown[] = [];
    routeCalls(callMock, {
      'points.catalogue': () => ({ items: shelf }),
      'points.saveItem': (data: Record<string, unknown>) => {
        shelf = [{ id: 'i1', name: data.name, cost: data.cost, stock: data.stock, active: true }];
        return { item: shelf[0] };
      },
    });
    render(<ShelfEditor />);
    fireEvent.click(await screen.findByText('添加物品'));
    type('物品名称', '洗衣液');
    type('所需积分', '30');
    type('库存', '12');
    fireEvent.click(screen.getByText('保存'));
    expect(await screen.findByText('库存 12 件 · 点按修改')).toBeInTheDocument();
    expect(callsTo(callMock, 'points', 'saveItem')[0][2]).toMatchObject({ name: '洗衣液', cost: 30, stock: 12, active: true });
    expect(screen.queryByLabelText('物品名称')).not.toBeInTheDocument();
  });

  test('the server’s refusal is said above the buttons, and the draft stays to be mended', async () => {
    routeCalls(callMock, {
      'points.catalogue': { items: [] },
      'points.saveItem': () => {
        throw new AppError('FORBIDDEN', '只有本社区书记可以管理爱心超市');
      },
    });
    render(<ShelfEditor />);
    fireEvent.click(await screen.findByText('添加物品'));
    type('物品名称', '洗衣液');
    type('所需积分', '30');
    type('库存', '12');
    fireEvent.click(screen.getByText('保存'));
    expect(await screen.findByRole('alert')).toHaveTextContent('只有本社区书记可以管理爱心超市');
    expect(screen.getByLabelText('物品名称')).toHaveValue('洗衣液');
  });
});

describe('集体活动: publishing one', () => {
  test('without a name, content or place it says so beside each, and publishes nothing', async () => {
    routeCalls(callMock, {});
    const published = jest.fn();
    render(<ActivityForm organizer='桃源社区' onPublished={published} onClose={() => undefined} />);
    fireEvent.click(screen.getByText('发布'));
    await waitFor(() => expect(document.querySelectorAll('.field--error')).toHaveLength(3));
    const flagged = [...document.querySelectorAll('.field--error')].map((f) => f.textContent ?? '');
    expect(flagged.map((t) => ['活动名称', '活动内容', '集合地点'].find((l) => t.includes(l)))).toEqual(['活动名称', '活动内容', '集合地点']);
    expect(callsTo(callMock, 'activities', 'publish')).toHaveLength(0);
    expect(published).not.toHaveBeenCalled();
  });

  test('filled in, it is published and handed back', async () => {
    const activity = { id: 'a1', title: '滨江广场环境卫生整治' };
    routeCalls(callMock, { 'activities.publish': { activity } });
    const published = jest.fn();
    render(<ActivityForm organizer='桃源社区' onPublished={published} onClose={() => undefined} />);
    type('活动名称', '滨江广场环境卫生整治');
    type('活动内容', '清理绿化带垃圾，请戴手套');
    type('集合地点', '滨江广场东门');
    fireEvent.click(screen.getByText('发布'));
    await waitFor(() => expect(published).toHaveBeenCalledWith(activity));
    expect(callsTo(callMock, 'activities', 'publish')[0][2]).toMatchObject({ title: '滨江广场环境卫生整治', place: '滨江广场东门', places: 20, organizer: '桃源社区' });
  });
});
