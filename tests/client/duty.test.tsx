import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { DutyCard } from '../../client/src/features/duty/DutyCard';
import { OnDutyCard } from '../../client/src/packages/staff/components/OnDutyCard';
import { taroMock } from './__mocks__/taro';
import { fakeServer } from './support/fakeServer';

test('a volunteer adds weekend hours, turns on urgent alerts and saves; the roster sent is what the screen shows', async () => {
  const server = fakeServer({
    'org.myDuty': () => ({ duty: { slots: [], urgentAlerts: false } }),
    'org.setDuty': (d) => ({ duty: d }),
  });
  render(<DutyCard />);
  expect(await screen.findByText('未设时段：任何时间都可能联系您')).toBeInTheDocument();

  fireEvent.click(screen.getByText('+ 添加值班时段'));
  // The new slot is Saturday and Sunday; add Friday.
  fireEvent.click(screen.getByRole('checkbox', { name: '周五' }));
  fireEvent.click(screen.getByRole('switch', { name: '紧急心愿立即通知我' }));
  fireEvent.click(screen.getByText('保存值班设置'));

  expect(await screen.findByText('值班设置已保存')).toBeInTheDocument();
  const sent = server.calls.find((c) => c.route === 'org.setDuty')!.data;
  expect(sent).toEqual({ slots: [{ days: [5, 6, 7], from: '09:00', to: '17:00' }], urgentAlerts: true });
});

test('a slot with no day left is pointed out before anything is sent', async () => {
  const server = fakeServer({ 'org.myDuty': () => ({ duty: { slots: [{ days: [3], from: '18:00', to: '21:00' }], urgentAlerts: true } }) });
  render(<DutyCard />);
  fireEvent.click(await screen.findByRole('checkbox', { name: '周三' }));
  fireEvent.click(screen.getByText('保存值班设置'));
  expect(await screen.findByRole('alert')).toHaveTextContent('请检查每段值班的日期和时间');
  expect(server.calls.some((c) => c.route === 'org.setDuty')).toBe(false);
});

test('the secretary sees who is on duty now and can phone them with one tap', async () => {
  fakeServer({
    'org.onDuty': () => ({
      at: '2026-12-05T10:00:00+08:00',
      items: [{ id: 'u1', name: '刘志强', phone: '13807120003', roles: ['volunteer'], hours: ['周六、周日 09:00–17:00'], urgentAlerts: true }],
    }),
  });
  render(<OnDutyCard />);
  expect(await screen.findByText('正在值班（1 人）')).toBeInTheDocument();
  expect(screen.getByText(/周六、周日 09:00–17:00/)).toBeInTheDocument();
  fireEvent.click(screen.getByRole('button', { name: '拨打刘志强的电话' }));
  await waitFor(() => expect(taroMock.phoneCalls).toEqual(['13807120003']));
});
