import { fireEvent, render, screen } from '@testing-library/react';
import type { UserActor } from '@shared/lifecycle/relations';
import TaskPage from '../../client/src/packages/helper/pages/task/index';
import { devLogin } from '../../client/src/services/session';
import { taroMock } from './__mocks__/taro';
import { actors, detailReply } from './support/detail';
import { fakeServer, wishFixture } from './support/fakeServer';

/**
 * The task screen of a wish that needs three helpers (帮帮团), for each way a viewer can
 * stand to it. The fake server answers `wishes.detail` with the `actions` the shared
 * transition table allows that viewer (allowedActions, as the real server computes them);
 * the screen must show exactly those buttons, and the countdown of the viewer's own place.
 */

const HOURS = 3600000;
const lease = (hours: number) => new Date(Date.now() + hours * HOURS + 30000).toISOString();
const claim = (claimerId: string, over: Record<string, unknown> = {}) => ({ claimerId, kind: 'user', assigneeId: claimerId, slots: 1, leaseUntil: lease(20), ...over });
const multi = (over: Record<string, unknown>) => wishFixture({ helpersNeeded: 3, ownerId: 'u-res', ...over });

const BUTTONS = ['我来认领', '以单位名义认领', '延长认领', '开始服务', '放弃认领', '接受', '拒绝', '确认完成'];

/** Signs in through the demo login, as the app does (the session is kept in memory once read). */
async function signIn(user: { id: string; unitId?: string }, role: 'volunteer' | 'unit_admin') {
  const me = { id: user.id, name: '测试', memberships: [{ communityId: 'c1', roles: [role], ...(user.unitId ? { unitId: user.unitId } : {}) }] };
  fakeServer({}, { 'auth/dev-login': () => ({ token: `token-${user.id}`, user: me }) });
  await devLogin(role);
}

async function openAs(wish: Record<string, unknown>, viewer: UserActor) {
  const reply = detailReply(wish, viewer);
  const server = fakeServer({ 'wishes.detail': () => reply });
  taroMock.routerParams = { id: 'w1' };
  render(<TaskPage />);
  await screen.findByText('陪同去卫生院打疫苗');
  const shown = BUTTONS.filter((name) => screen.queryByRole('button', { name }) !== null);
  return { actions: reply.actions, shown, server };
}

describe('the task screen of a multi-place wish follows the server’s actions', () => {
  it('a claimer of a still-open wish (places free) keeps a countdown, can extend, release and start on their own (issue 16 #1)', async () => {
    await signIn({ id: 'u-vol' }, 'volunteer');
    const wish = multi({ status: 'open', claims: [claim('u-vol', { leaseUntil: lease(5) })] });
    const { actions, shown } = await openAs(wish, actors.volunteer('u-vol'));

    expect([...actions].sort()).toEqual(['extend', 'progress', 'release', 'start']);
    expect(shown).toEqual(['延长认领', '开始服务', '放弃认领']);
    expect(screen.getByRole('timer')).toHaveTextContent('认领剩余 5小时');
    // Their own place is claimed, though the wish still waits for others.
    expect(screen.getByText('已认领')).toBeInTheDocument();
    expect(screen.queryByText('待认领')).not.toBeInTheDocument();
    expect(screen.queryByText('这个心愿已有人认领或暂不可认领。')).not.toBeInTheDocument();
  });

  it('a claimer who started on a still-open wish reports and completes, with no countdown', async () => {
    await signIn({ id: 'u-vol' }, 'volunteer');
    const wish = multi({ status: 'open', claims: [claim('u-vol', { startedAt: '2026-11-20T09:00:00+08:00' })] });
    const { actions, shown } = await openAs(wish, actors.volunteer('u-vol'));

    expect([...actions].sort()).toEqual(['complete', 'progress']);
    // Only the report form's own button: nothing to hold or let go once the work has begun.
    expect(shown).toEqual(['确认完成']);
    expect(screen.queryByRole('timer')).not.toBeInTheDocument();
    expect(screen.getByText('服务中')).toBeInTheDocument();
  });

  it('a claimer whose part is finished is told so while the others work', async () => {
    await signIn({ id: 'u-vol' }, 'volunteer');
    const done = { startedAt: '2026-11-20T09:00:00+08:00', completedAt: '2026-11-20T10:00:00+08:00' };
    const wish = multi({ status: 'in_progress', claims: [claim('u-vol', done), claim('u-a', { startedAt: done.startedAt }), claim('u-b')] });
    const { actions } = await openAs(wish, actors.volunteer('u-vol'));

    expect(actions).toEqual([]);
    expect(screen.getByRole('status')).toHaveTextContent('您的部分已完成，等待其他志愿者完成。');
    expect(screen.queryByRole('timer')).not.toBeInTheDocument();
  });

  it('the countdown stays when no extension is left, without the extend button', async () => {
    await signIn({ id: 'u-vol' }, 'volunteer');
    const wish = multi({ status: 'open', claims: [claim('u-vol', { extensions: 2, leaseUntil: lease(3) })] });
    const { actions, shown } = await openAs(wish, actors.volunteer('u-vol'));

    expect(actions).toEqual(['release', 'start', 'progress']);
    expect(shown).toEqual(['开始服务', '放弃认领']);
    expect(screen.getByRole('timer')).toHaveTextContent('认领剩余 3小时');
  });

  it('a claimer of a wish whose places are all taken (claimed) can extend, start and release', async () => {
    await signIn({ id: 'u-vol' }, 'volunteer');
    const wish = multi({ status: 'claimed', claims: [claim('u-a'), claim('u-vol', { leaseUntil: lease(8) }), claim('u-b')] });
    const { actions, shown } = await openAs(wish, actors.volunteer('u-vol'));

    expect([...actions].sort()).toEqual(['extend', 'progress', 'release', 'start']);
    expect(shown).toEqual(['延长认领', '开始服务', '放弃认领']);
    expect(screen.getByRole('timer')).toHaveTextContent('认领剩余 8小时');
  });

  it('a volunteer who has not claimed sees only the claim button while a place is free, and no countdown', async () => {
    await signIn({ id: 'u-vol' }, 'volunteer');
    const wish = multi({ status: 'open', claims: [claim('u-a')] });
    const { actions, shown, server } = await openAs(wish, actors.volunteer('u-vol'));

    expect(actions).toEqual(['claim']);
    expect(shown).toEqual(['我来认领']);
    expect(screen.queryByRole('timer')).not.toBeInTheDocument();
    expect(screen.getByText('认领后可查看居民的完整电话和详细地址。')).toBeInTheDocument();

    fireEvent.click(screen.getByRole('button', { name: '我来认领' }));
    await screen.findByRole('alert');
    expect(server.calls.find((c) => c.route === 'tasks.claim')?.data).toEqual({ wishId: 'w1' });
  });

  it('a volunteer who has not claimed a full wish is told it is taken, with no buttons', async () => {
    await signIn({ id: 'u-vol' }, 'volunteer');
    const wish = multi({ status: 'claimed', claims: [claim('u-a'), claim('u-b'), claim('u-c')] });
    const { actions, shown } = await openAs(wish, actors.volunteer('u-vol'));

    expect(actions).toEqual([]);
    expect(shown).toEqual([]);
    expect(screen.getByRole('status')).toHaveTextContent('这个心愿已有人认领或暂不可认领。');
  });

  it('the assignee of an assigned wish can accept or decline, and has no countdown yet', async () => {
    await signIn({ id: 'u-vol' }, 'volunteer');
    const wish = multi({ status: 'assigned', claims: [], assignment: { target: { kind: 'user', id: 'u-vol' }, by: 'u-staff', at: '2026-11-20T09:00:00+08:00' } });
    const { actions, shown } = await openAs(wish, actors.volunteer('u-vol'));

    expect([...actions].sort()).toEqual(['accept', 'decline']);
    expect(shown).toEqual(['接受', '拒绝']);
    expect(screen.getByText('社区把这个心愿派给了您')).toBeInTheDocument();
    expect(screen.queryByRole('timer')).not.toBeInTheDocument();
  });

  it('a unit admin whose unit the town dispatched a wish to reads that the town sent it, not the community, and no promise of an address it already sees', async () => {
    await signIn({ id: 'u-uadm', unitId: 'unit1' }, 'unit_admin');
    const wish = multi({ status: 'assigned', claims: [], contactVisible: true, address: '3栋2单元501', assignment: { target: { kind: 'unit', id: 'unit1' }, by: 'u-town', at: '2026-11-20T09:00:00+08:00' } });
    const step = (action: string, from: string | null, to: string, at: string) => ({ wishId: 'w1', communityId: 'c1', action, actor: { kind: 'user', userId: 'u-town' }, from, to, at });
    const events = [step('create', null, 'pending_review', '2026-11-19T09:00:00+08:00'), step('approve', 'pending_review', 'open', '2026-11-19T10:00:00+08:00'), step('townAssign', 'open', 'assigned', '2026-11-20T09:00:00+08:00')];
    const reply = detailReply(wish, actors.unitAdmin('u-uadm', 'unit1'), { events });
    fakeServer({ 'wishes.detail': () => reply });
    taroMock.routerParams = { id: 'w1' };
    render(<TaskPage />);

    expect(await screen.findByText('镇街把这个心愿派给了您的单位')).toBeInTheDocument();
    // The unit it was sent to reads the exact address already: no promise of it "after claiming".
    expect(screen.queryByText('认领后可查看居民的完整电话和详细地址。')).toBeNull();
    expect(screen.queryByText(/社区把这个心愿/)).toBeNull();
  });

  it('a unit admin whose unit holds every place sees the unit’s countdown and can extend, start and release', async () => {
    await signIn({ id: 'u-uadm', unitId: 'unit1' }, 'unit_admin');
    const wish = multi({ status: 'claimed', claims: [claim('u-uadm', { kind: 'unit', unitId: 'unit1', slots: 3, leaseUntil: lease(12) })] });
    const { actions, shown } = await openAs(wish, actors.unitAdmin('u-uadm', 'unit1'));

    expect([...actions].sort()).toEqual(['extend', 'handover', 'progress', 'release', 'start']);
    expect(shown).toEqual(['延长认领', '开始服务', '放弃认领']);
    expect(screen.getByRole('timer')).toHaveTextContent('认领剩余 12小时');
  });

  it('the member a unit’s place was handed to sees its countdown and can extend, start and give it up (the unit may have no admin left)', async () => {
    await signIn({ id: 'u-mem', unitId: 'unit1' }, 'volunteer');
    const wish = multi({ status: 'claimed', claims: [claim('u-uadm', { kind: 'unit', unitId: 'unit1', slots: 3, assigneeId: 'u-mem', leaseUntil: lease(8) })] });
    const { actions, shown } = await openAs(wish, { ...actors.volunteer('u-mem'), unitId: 'unit1' });

    expect([...actions].sort()).toEqual(['extend', 'progress', 'release', 'start']);
    expect(shown).toEqual(['延长认领', '开始服务', '放弃认领']);
    expect(screen.getByRole('timer')).toHaveTextContent('认领剩余 8小时');
  });

  it('a unit admin may claim every free place for the unit', async () => {
    await signIn({ id: 'u-uadm', unitId: 'unit1' }, 'unit_admin');
    const wish = multi({ status: 'open', claims: [claim('u-a')] });
    const { actions, shown } = await openAs(wish, actors.unitAdmin('u-uadm', 'unit1'));

    expect(actions).toEqual(['claim']);
    expect(shown).toEqual(['以单位名义认领']);
  });
});
