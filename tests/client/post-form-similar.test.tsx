import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { AppError } from '@shared/errors';
import { SIMILAR_DELAY_MS } from '../../client/src/hooks/useSimilarWishes';
import { renderPostForm } from './support/postForm';
import { fakeServer, wishFixture, type Route } from './support/fakeServer';

const clinic = { point: { type: 'Point' as const, coordinates: [110.12, 32.81] as [number, number] }, label: '卫生院', source: 'picked' as const };

const rideToClinic = { id: 's1', title: '想请人陪我去卫生院复查', status: 'open', createdAt: '2026-11-20T08:00:00+08:00', distanceM: 120 };
const nextDoor = { id: 's2', title: '周四去医院拿药', status: 'in_progress', createdAt: '2026-11-21T08:00:00+08:00', distanceM: 3 };

/** Two open rides to the doctor nearby; nothing for any other kind of help. */
const similarRoute: Route = (data) => ({ items: data.category === 'medical_trip' ? [rideToClinic, nextDoor] : [] });

/** Past the debounce, then let the reply land. */
async function settle() {
  await act(async () => {
    jest.advanceTimersByTime(SIMILAR_DELAY_MS);
  });
}

const similarCalls = (server: ReturnType<typeof fakeServer>) => server.calls.filter((c) => c.route === 'wishes.similar');

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

describe('pointing out similar wishes before posting', () => {
  it('once a category and a place are chosen, lists the nearby wishes with their state and distance', async () => {
    const server = fakeServer({ 'wishes.similar': similarRoute });
    renderPostForm({ homePlace: undefined, pickPlace: async () => ({ place: clinic }) });

    fireEvent.click(screen.getByText('就医出行'));
    await settle();
    // No place yet: nothing to ask about.
    expect(similarCalls(server)).toHaveLength(0);

    fireEvent.click(screen.getByRole('button', { name: '地图选点' }));
    await screen.findByText('卫生院');
    await settle();

    expect(await screen.findByText('附近已有 2 个类似心愿')).toBeInTheDocument();
    expect(screen.getByText('「想请人陪我去卫生院复查」')).toBeInTheDocument();
    expect(screen.getByText('待认领')).toBeInTheDocument();
    expect(screen.getByText('约 120米')).toBeInTheDocument();
    expect(screen.getByText('「周四去医院拿药」')).toBeInTheDocument();
    expect(screen.getByText('服务中')).toBeInTheDocument();
    expect(screen.getByText('就在旁边')).toBeInTheDocument();
    expect(screen.getByText(/同一件事，就不用再发了；如果不一样，照常提交就好/)).toBeInTheDocument();
    // A hint, not a step: the submit button is still there to press.
    expect(screen.getByRole('button', { name: '提交心愿' })).toBeEnabled();

    expect(similarCalls(server)).toEqual([
      expect.objectContaining({ data: { category: 'medical_trip', location: clinic.point } }),
    ]);
  });

  it('asks once for a quick run of taps, and the notice goes when the category has no matches', async () => {
    const server = fakeServer({ 'wishes.similar': similarRoute });
    renderPostForm();
    await screen.findByText('3号楼');

    fireEvent.click(screen.getByText('维修'));
    fireEvent.click(screen.getByText('就医出行'));
    await settle();
    expect(await screen.findByText('附近已有 2 个类似心愿')).toBeInTheDocument();
    expect(similarCalls(server)).toHaveLength(1);

    fireEvent.click(screen.getByText('维修'));
    // Gone at once: the old matches were about another kind of help.
    expect(screen.queryByText(/附近已有/)).not.toBeInTheDocument();
    await settle();
    await waitFor(() => expect(similarCalls(server)).toHaveLength(2));
    expect(screen.queryByText(/附近已有/)).not.toBeInTheDocument();
    expect(screen.queryByText('「想请人陪我去卫生院复查」')).not.toBeInTheDocument();
  });

  it.each([
    ['the server fails', () => {
      throw new AppError('INTERNAL', '');
    }],
    ['the network is down', () => {
      throw new Error('request:fail');
    }],
  ])('shows nothing when %s, and the wish still posts', async (_why, failing) => {
    const server = fakeServer({
      'wishes.similar': failing,
      'wishes.create': (data) => ({ wish: wishFixture({ ...data, id: 'w20', status: 'pending_review' }) }),
    });
    const { onDone } = renderPostForm();
    await screen.findByText('3号楼');
    fireEvent.click(screen.getByText('就医出行'));
    fireEvent.change(screen.getByPlaceholderText(/陪同去医院打疫苗/), { target: { value: '想请人陪我去打流感疫苗' } });
    fireEvent.change(screen.getByPlaceholderText(/什么时间/), { target: { value: '周三上午，卫生院二楼' } });
    await settle();
    await waitFor(() => expect(similarCalls(server)).toHaveLength(1));

    expect(screen.queryByText(/附近已有/)).not.toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();

    fireEvent.click(screen.getByRole('button', { name: '提交心愿' }));
    await waitFor(() => expect(onDone).toHaveBeenCalledWith(expect.objectContaining({ id: 'w20' })));
    expect(server.calls.filter((c) => c.route === 'wishes.create')).toHaveLength(1);
  });

  it('ignores a late reply for a category no longer chosen', async () => {
    const pending: { category: unknown; answer: (items: unknown[]) => void }[] = [];
    fakeServer({
      'wishes.similar': (data) => new Promise((resolve) => pending.push({ category: data.category, answer: (items) => resolve({ items }) })),
    });
    renderPostForm();
    await screen.findByText('3号楼');

    fireEvent.click(screen.getByText('就医出行'));
    await settle();
    await waitFor(() => expect(pending).toHaveLength(1));
    fireEvent.click(screen.getByText('维修'));
    await settle();
    await waitFor(() => expect(pending).toHaveLength(2));

    // The repair question is answered first (nothing nearby), then the ride's answer arrives late.
    await act(async () => pending[1].answer([]));
    await act(async () => pending[0].answer([rideToClinic]));

    expect(pending.map((p) => p.category)).toEqual(['medical_trip', 'repair']);
    expect(screen.queryByText(/附近已有/)).not.toBeInTheDocument();
    expect(screen.queryByText('「想请人陪我去卫生院复查」')).not.toBeInTheDocument();
  });

  it('asks nothing more once the wish is being sent', async () => {
    const server = fakeServer({
      'wishes.similar': similarRoute,
      'wishes.create': (data) => ({ wish: wishFixture({ ...data, id: 'w21' }) }),
    });
    const { onDone } = renderPostForm();
    await screen.findByText('3号楼');
    fireEvent.click(screen.getByText('就医出行'));
    fireEvent.change(screen.getByPlaceholderText(/陪同去医院打疫苗/), { target: { value: '想请人陪我去打流感疫苗' } });
    fireEvent.change(screen.getByPlaceholderText(/什么时间/), { target: { value: '周三上午，卫生院二楼' } });

    // Submitted before the pause ran out: the person has decided, so no lookup follows.
    fireEvent.click(screen.getByRole('button', { name: '提交心愿' }));
    await waitFor(() => expect(onDone).toHaveBeenCalled());
    await settle();
    expect(server.calls.map((c) => c.route)).toEqual(['wishes.create']);
  });
});
