import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { renderPostForm } from './support/postForm';
import { fakeServer, wishFixture } from './support/fakeServer';

// As the h5 build has it (importChecks.h5.ts): the form's checks (zod and the wish schemas) are not part of the page
// but fetched when asked for. Here each fetch waits until the test lets it answer, or fails as offline.
const fetches: { resolve: () => void; reject: (err: unknown) => void }[] = [];
jest.mock('../../client/src/features/post/importChecks', () => {
  const actual = jest.requireActual('../../client/src/features/post/checks');
  return {
    bundledChecks: undefined,
    importChecks: () =>
      new Promise((resolve, reject) => {
        fetches.push({ resolve: () => resolve(actual), reject });
      }),
  };
});

describe('the post form on h5 fetches its checks when the resident starts on it, not with the page', () => {
  test('opening it fetches nothing; the first tap does, once; a submit waits for them; offline, the wish is not sent and nothing typed is lost; a later tap fetches again, and the retry checks and sends', async () => {
    const server = fakeServer({ 'wishes.create': (data) => ({ wish: wishFixture({ ...data, id: 'w11', status: 'pending_review' }) }) });
    const { onDone } = renderPostForm();
    await screen.findByText('3号楼');
    expect(fetches).toHaveLength(0);

    fireEvent.click(screen.getByText('就医出行'));
    fireEvent.click(screen.getByText('维修'));
    expect(fetches).toHaveLength(1);
    fireEvent.change(screen.getByPlaceholderText(/什么时间/), { target: { value: '周三上午，卫生院二楼' } });

    fireEvent.click(screen.getByRole('button', { name: '提交心愿' }));
    expect(screen.getByRole('button', { name: '提交心愿' })).toBeDisabled();
    fetches[0].reject(new TypeError('Failed to fetch dynamically imported module'));
    expect(await screen.findByText(/网络不给力，心愿还没有提交/)).toBeInTheDocument();
    expect(screen.getByDisplayValue('周三上午，卫生院二楼')).toBeInTheDocument();

    // Another tap in the form fetches them again, and they arrive before the retry.
    fireEvent.click(screen.getByText('维修'));
    expect(fetches).toHaveLength(2);
    await act(async () => fetches[1].resolve());
    fireEvent.change(screen.getByPlaceholderText('例如：3栋2单元501'), { target: { value: '3栋2单元501' } });
    fireEvent.click(screen.getByRole('button', { name: '重试提交' }));
    // The title is still missing: said at once under it, and nothing is sent.
    expect(await screen.findByText('请填写标题，或按住说话录一段语音')).toBeInTheDocument();
    expect(server.calls).toHaveLength(0);

    // From then on the form checks as the resident types, as before, and sends.
    fireEvent.change(screen.getByPlaceholderText(/陪同去医院打疫苗/), { target: { value: '想请人陪我修水龙头' } });
    expect(screen.queryByText('请填写标题，或按住说话录一段语音')).not.toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: '重试提交' }));
    await waitFor(() => expect(onDone).toHaveBeenCalledWith(expect.objectContaining({ id: 'w11' })));
    expect(server.calls[0]).toMatchObject({ route: 'wishes.create', data: { category: 'repair', title: '想请人陪我修水龙头' } });
    expect(fetches).toHaveLength(2);
  });
});
