import { fireEvent, screen, waitFor } from '@testing-library/react';
import { AppError } from '@shared/errors';
import { taroMock } from './__mocks__/taro';
import { renderPostForm } from './support/postForm';
import { fakeServer, wishFixture } from './support/fakeServer';

function fillIn() {
  fireEvent.click(screen.getByText('就医出行'));
  fireEvent.change(screen.getByPlaceholderText(/陪同去医院打疫苗/), { target: { value: '想请人陪我去打流感疫苗' } });
  fireEvent.change(screen.getByPlaceholderText(/什么时间/), { target: { value: '周三上午，卫生院二楼' } });
}

describe('posting a wish', () => {
  it('tells the resident what is missing instead of sending an empty wish', async () => {
    const server = fakeServer({});
    renderPostForm();
    await screen.findByText('3号楼');

    fireEvent.click(screen.getByRole('button', { name: '提交心愿' }));

    expect(screen.getByText('请选择心愿类别')).toBeInTheDocument();
    // Empty words: either the words or a voice note (schemas/wish `missingWords`).
    expect(screen.getByText('请填写标题，或按住说话录一段语音')).toBeInTheDocument();
    expect(screen.getByText('请写下需要什么帮助，或按住说话录一段语音')).toBeInTheDocument();
    expect(screen.getByText(/还有 3 处需要修改/)).toBeInTheDocument();
    expect(server.calls).toHaveLength(0);
  });

  it('clears an error as soon as the field is fixed, and flags a bad phone number inline', async () => {
    fakeServer({});
    renderPostForm();
    await screen.findByText('3号楼');
    fireEvent.click(screen.getByRole('button', { name: '提交心愿' }));
    expect(screen.getByText('请选择心愿类别')).toBeInTheDocument();

    fireEvent.click(screen.getByText('维修'));
    expect(screen.queryByText('请选择心愿类别')).not.toBeInTheDocument();

    fireEvent.change(screen.getByPlaceholderText('手机号或座机'), { target: { value: '12345' } });
    expect(screen.getByText('请填写手机号或带区号的固定电话')).toBeInTheDocument();
  });

  it('sends the wish with the building location and reports the new wish', async () => {
    const server = fakeServer({ 'wishes.create': (data) => ({ wish: wishFixture({ ...data, id: 'w9', status: 'pending_review' }) }) });
    const { onDone } = renderPostForm();
    await screen.findByText('3号楼');
    fillIn();

    fireEvent.click(screen.getByRole('button', { name: '提交心愿' }));

    await waitFor(() => expect(onDone).toHaveBeenCalledWith(expect.objectContaining({ id: 'w9', status: 'pending_review' })));
    expect(server.calls[0]).toMatchObject({
      route: 'wishes.create',
      data: { category: 'medical_trip', title: '想请人陪我去打流感疫苗', location: { type: 'Point', coordinates: [110.1146, 32.8094] }, helpersNeeded: 1 },
    });
    expect(taroMock.storage.has('xy.draft.new')).toBe(false);
  });

  it('keeps everything typed when the network fails, and the retry is the same request', async () => {
    const server = fakeServer({ 'wishes.create': (data) => ({ wish: wishFixture({ ...data, id: 'w10', status: 'pending_review' }) }) });
    server.offline = true;
    const first = renderPostForm();
    await screen.findByText('3号楼');
    fillIn();

    fireEvent.click(screen.getByRole('button', { name: '提交心愿' }));

    expect(await screen.findByText(/网络不给力，心愿还没有提交/)).toBeInTheDocument();
    expect(screen.getByDisplayValue('想请人陪我去打流感疫苗')).toBeInTheDocument();
    expect(screen.getByDisplayValue('周三上午，卫生院二楼')).toBeInTheDocument();

    // Closing the page and coming back finds the draft.
    first.unmount();
    const second = renderPostForm();
    expect(screen.getByDisplayValue('想请人陪我去打流感疫苗')).toBeInTheDocument();
    second.unmount();

    const third = renderPostForm();
    server.offline = false;
    fireEvent.click(await screen.findByRole('button', { name: '提交心愿' }));
    await waitFor(() => expect(third.onDone).toHaveBeenCalled());
  });

  it('reuses the request id when the same submit is retried after a failure', async () => {
    let attempts = 0;
    const server = fakeServer({
      'wishes.create': (data) => {
        attempts += 1;
        if (attempts === 1) throw new AppError('INTERNAL', '');
        return { wish: wishFixture({ ...data, id: 'w11' }) };
      },
    });
    const { onDone } = renderPostForm();
    await screen.findByText('3号楼');
    fillIn();

    fireEvent.click(screen.getByRole('button', { name: '提交心愿' }));
    expect(await screen.findByText(/服务器开小差了/)).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: '重试提交' }));
    await waitFor(() => expect(onDone).toHaveBeenCalled());

    expect(server.calls).toHaveLength(2);
    expect(server.calls[0].requestId).toBeTruthy();
    expect(server.calls[1].requestId).toBe(server.calls[0].requestId);
  });

  it("shows the server's field errors under the right field", async () => {
    fakeServer({
      'wishes.create': () => {
        throw new AppError('VALIDATION_FAILED', '输入有误', { fields: [{ path: 'description', message: '内容包含不适宜的词语' }] });
      },
    });
    renderPostForm();
    await screen.findByText('3号楼');
    fillIn();

    fireEvent.click(screen.getByRole('button', { name: '提交心愿' }));

    expect(await screen.findByText('内容包含不适宜的词语')).toBeInTheDocument();
    expect(screen.getByText(/填写的内容有误/)).toBeInTheDocument();
    expect(screen.getByDisplayValue('周三上午，卫生院二楼')).toBeInTheDocument();
  });

  it('in elder mode asks only for the essentials and makes the title from the description', async () => {
    const server = fakeServer({ 'wishes.create': (data) => ({ wish: wishFixture({ ...data, id: 'w12' }) }) });
    const { onDone } = renderPostForm({ elder: true });
    await screen.findByText('3号楼');

    expect(screen.queryByPlaceholderText(/陪同去医院打疫苗/)).not.toBeInTheDocument();
    expect(screen.queryByText('需要几位志愿者')).not.toBeInTheDocument();

    fireEvent.click(screen.getByText('精神慰藉'));
    fireEvent.change(screen.getByPlaceholderText(/什么时间/), { target: { value: '一个人在家，想有人陪我聊聊天' } });
    fireEvent.click(screen.getByRole('button', { name: '提交心愿' }));

    await waitFor(() => expect(onDone).toHaveBeenCalled());
    expect(server.calls[0].data).toMatchObject({ category: 'companionship', title: '一个人在家，想有人陪我聊聊天' });
  });
});
