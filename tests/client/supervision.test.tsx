import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { CallListCard } from '../../client/src/features/wish/CallListCard';
import { SupervisePanel } from '../../client/src/packages/staff/components/SupervisePanel';
import { SupervisionCard } from '../../client/src/packages/staff/components/SupervisionCard';
import { taroMock } from './__mocks__/taro';
import { fakeServer } from './support/fakeServer';

const wish = { id: 'w1', title: '楼上掉落酒瓶砸伤老人', communityId: 'com-taoyuan' };
const communities = [{ id: 'com-taoyuan', name: '桃源社区' }, { id: 'com-huayuanjie', name: '花园街社区' }];

test('staff on an urgent wish ring the helper on duty, the grid worker and the unit with one tap each', async () => {
  fakeServer({
    'dispatch.callList': () => ({
      helpers: [
        { id: 'u1', name: '张晓东', phone: '13807120004', roles: ['volunteer'], onDuty: true, distanceM: 100, load: 0 },
        { id: 'u2', name: '彭卫国', phone: '13807120005', roles: ['party_member'], onDuty: false, load: 2 },
      ],
      gridWorker: { id: 'g1', name: '陈志强', phone: '13807120008', gridName: '桃源第二网格' },
      unit: { id: 'unit-fuyou', name: '孝昌县妇幼保健院', contactName: '王院长', contactPhone: '13971100001' },
      radiusM: 3000,
      maxOpenTasks: 5,
      at: '2026-12-06T06:00:00Z',
    }),
  });
  render(<CallListCard wishId='w1' />);
  expect(await screen.findByText('值班中')).toBeInTheDocument();
  expect(screen.getByText(/志愿者 · 约 100 米 · 手上 0 单/)).toBeInTheDocument();
  expect(screen.getByText('网格员 · 桃源第二网格')).toBeInTheDocument();
  fireEvent.click(screen.getByRole('button', { name: '拨打张晓东的电话' }));
  fireEvent.click(screen.getByRole('button', { name: '拨打陈志强的电话' }));
  fireEvent.click(screen.getByRole('button', { name: '拨打王院长的电话' }));
  await waitFor(() => expect(taroMock.phoneCalls).toEqual(['13807120004', '13807120008', '13971100001']));
});

test('with nobody free nearby the card says so instead of an empty list', async () => {
  fakeServer({ 'dispatch.callList': () => ({ helpers: [], gridWorker: null, unit: null, radiusM: 3000, maxOpenTasks: 5, at: '2026-12-06T06:00:00Z' }) });
  render(<CallListCard wishId='w1' />);
  expect(await screen.findByText('3 公里内暂无可接单的志愿者或党员（已满 5 单的不列出）。')).toBeInTheDocument();
});

test('the town urges with a message; an empty one is pointed out before anything is sent', async () => {
  const server = fakeServer({ 'dispatch.urge': () => ({ wish: {} }) });
  const done: string[] = [];
  render(<SupervisePanel wish={wish} acts={[]} communities={communities} onDone={(m) => done.push(m)} />);
  fireEvent.click(screen.getByText('催办'));
  fireEvent.click(screen.getByText('发送催办'));
  expect(await screen.findByRole('alert')).toHaveTextContent('请填写催办内容');
  expect(server.calls.some((c) => c.route === 'dispatch.urge')).toBe(false);

  fireEvent.input(screen.getByLabelText('催办内容'), { target: { value: '群众反映半小时无人认领，请立即安排' } });
  fireEvent.click(screen.getByText('发送催办'));
  await waitFor(() => expect(done).toEqual(['已催办「楼上掉落酒瓶砸伤老人」']));
  expect(server.calls.find((c) => c.route === 'dispatch.urge')!.data).toEqual({ wishId: 'w1', note: '群众反映半小时无人认领，请立即安排' });
});

test('the town reassigns to another community of the town, never to the one the wish is in', async () => {
  const server = fakeServer({ 'dispatch.reassign': () => ({ wish: {} }) });
  const done: string[] = [];
  render(<SupervisePanel wish={wish} acts={[{ action: 'urge', at: new Date().toISOString(), note: '请尽快' }]} communities={communities} onDone={(m) => done.push(m)} />);
  expect(screen.getByText(/已催办 1 次 · 最近：镇街催办 今天/)).toBeInTheDocument();
  fireEvent.click(screen.getByText('改派'));
  expect(screen.queryByRole('radio', { name: '桃源社区' })).toBeNull();
  fireEvent.click(screen.getByText('确认改派'));
  expect(await screen.findByRole('alert')).toHaveTextContent('请选择改派到哪个社区');
  fireEvent.click(screen.getByRole('radio', { name: '花园街社区' }));
  fireEvent.click(screen.getByText('确认改派'));
  await waitFor(() => expect(done).toEqual(['已将「楼上掉落酒瓶砸伤老人」改派到花园街社区']));
  expect(server.calls.find((c) => c.route === 'dispatch.reassign')!.data).toEqual({ wishId: 'w1', toCommunityId: 'com-huayuanjie' });
});

test('the community\'s workbench lists its open 督办 items with how long since the town first acted', async () => {
  const now = Date.parse('2026-12-06T08:00:00Z');
  fakeServer({
    'dispatch.supervision': () => ({
      items: [{
        wish: { id: 'w1', title: '独居老人需要送餐', priority: 'urgent' },
        acts: [
          { action: 'urge', at: '2026-12-06T05:00:00Z', note: '请尽快安排' },
          { action: 'reassign', at: '2026-12-06T06:30:00Z', note: '花园街社区有助餐点', fromCommunityId: 'com-taoyuan' },
        ],
      }],
    }),
  });
  render(<SupervisionCard now={now} />);
  expect(await screen.findByText('镇街督办（1 件待办）')).toBeInTheDocument();
  expect(screen.getByText('镇街改派社区：花园街社区有助餐点')).toBeInTheDocument();
  expect(screen.getByText('督办已 3小时 · 共 2 次')).toBeInTheDocument();
});

test('the town dispatches to a town-level unit that has people; one nobody is in is not offered', async () => {
  const server = fakeServer({
    'dispatch.townUnits': () => ({
      items: [
        { id: 'unit-fuyou', communityId: 'com-taoyuan', communityName: '桃源社区', name: '孝昌县妇幼保健院', kind: 'public_institution', level: 'county', hasPeople: true },
        { id: 'unit-weishengyuan', communityId: 'com-taoyuan', communityName: '桃源社区', name: '花园镇卫生院', kind: 'public_institution', level: 'town', hasPeople: false },
      ],
    }),
    'dispatch.townAssign': () => ({ wish: {} }),
  });
  const done: string[] = [];
  render(<SupervisePanel wish={wish} acts={[]} communities={communities} onDone={(m) => done.push(m)} />);
  fireEvent.click(screen.getByText('派给单位'));
  fireEvent.click(await screen.findByRole('radio', { name: '孝昌县妇幼保健院（县级共建单位）' }));
  expect(screen.queryByRole('radio', { name: /花园镇卫生院/ })).toBeNull();
  expect(screen.getByText('另有 1 个单位还没有人员，暂不能派单。')).toBeInTheDocument();
  fireEvent.click(screen.getByText('确认派单'));
  await waitFor(() => expect(done).toEqual(['已将「楼上掉落酒瓶砸伤老人」派给孝昌县妇幼保健院']));
  expect(server.calls.find((c) => c.route === 'dispatch.townAssign')!.data).toEqual({ wishId: 'w1', unitId: 'unit-fuyou' });
});
