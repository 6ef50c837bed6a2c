import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { ReportForm } from '../../client/src/features/task/ReportForm';
import WishPage from '../../client/src/pages/wish/index';
import { taroMock } from './__mocks__/taro';
import { actors, detailReply } from './support/detail';
import { fakeServer, wishFixture } from './support/fakeServer';

type UploadRequest = { url: string; filePath: string; name: string; header?: Record<string, string> };
type UploadReply = { statusCode: number; data: string };

const taro = Taro as unknown as {
  chooseImage: () => Promise<{ tempFilePaths: string[] }>;
  uploadFile?: (req: UploadRequest) => Promise<UploadReply>;
  previewImage?: (opts: { urls: string[]; current: string }) => Promise<unknown>;
};
const originalChoose = taro.chooseImage;
const stored = (n: number) => `/files/${String(n).repeat(64)}.jpg`;

let uploads: UploadRequest[];
/** The server's side of /api/upload: each photo path answers with a stored name or an envelope error. */
function uploadServer(answer: (req: UploadRequest) => UploadReply) {
  uploads = [];
  taro.uploadFile = async (req) => {
    uploads.push(req);
    return answer(req);
  };
}
const ok = (url: string): UploadReply => ({ statusCode: 200, data: JSON.stringify({ ok: true, data: { url } }) });

beforeEach(() => {
  taroMock.storage.set('xy.token', 'token-vol');
  taro.chooseImage = async () => ({ tempFilePaths: ['blob:photo-1', 'blob:photo-2'] });
});
afterAll(() => {
  taro.chooseImage = originalChoose;
  delete taro.uploadFile;
});

function renderForm() {
  const submit = jest.fn(async (_data: { note: string; photos?: string[] }, _requestId: string) => ({}));
  const onDone = jest.fn();
  render(<ReportForm wishId="w1" kind="complete" submit={submit} onDone={onDone} />);
  return { submit, onDone, note: screen.getByPlaceholderText(/已陪同老人到卫生院完成接种/) };
}

describe('photos on completing a wish over HTTP', () => {
  it('uploads each chosen photo with the token and completes with the returned URLs', async () => {
    uploadServer((req) => ok(stored(req.filePath.endsWith('1') ? 1 : 2)));
    const { submit, onDone, note } = renderForm();
    fireEvent.change(note, { target: { value: '灯泡已换好' } });
    fireEvent.click(screen.getByRole('button', { name: '添加照片' }));
    await waitFor(() => expect(document.querySelectorAll('img.photo')).toHaveLength(2));

    fireEvent.click(screen.getByRole('button', { name: '确认完成' }));
    await waitFor(() => expect(onDone).toHaveBeenCalled());
    expect(uploads.map((u) => [u.url, u.name, u.filePath, u.header?.Authorization])).toEqual([
      ['/api/upload', 'file', 'blob:photo-1', 'Bearer token-vol'],
      ['/api/upload', 'file', 'blob:photo-2', 'Bearer token-vol'],
    ]);
    expect(submit.mock.calls[0][0]).toEqual({ note: '灯泡已换好', photos: [stored(1), stored(2)] });
  });

  it('a failed upload says which photo and why, keeps the note, and the photo can be dropped', async () => {
    taro.chooseImage = async () => ({ tempFilePaths: ['blob:small', 'blob:huge'] });
    uploadServer((req) =>
      req.filePath === 'blob:huge'
        ? { statusCode: 413, data: JSON.stringify({ ok: false, error: { code: 'PAYLOAD_TOO_LARGE', message: '照片不能超过 5 MB' } }) }
        : ok(stored(3)),
    );
    const { submit, note } = renderForm();
    fireEvent.change(note, { target: { value: '已陪同接种' } });
    fireEvent.click(screen.getByRole('button', { name: '添加照片' }));
    await waitFor(() => expect(document.querySelectorAll('img.photo')).toHaveLength(2));
    fireEvent.click(screen.getByRole('button', { name: '确认完成' }));

    expect(await screen.findByText(/第 2 张照片上传失败：照片不能超过 5 MB/)).toBeInTheDocument();
    expect(submit).not.toHaveBeenCalled();
    expect(note).toHaveValue('已陪同接种');

    // Drop the large one and try again: the first photo is not sent twice.
    fireEvent.click(document.querySelectorAll('img.photo')[1]);
    expect(screen.queryByText(/照片上传失败/)).not.toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: '确认完成' }));
    await waitFor(() => expect(submit).toHaveBeenCalled());
    expect(submit.mock.calls[0][0]).toEqual({ note: '已陪同接种', photos: [stored(3)] });
    expect(uploads.map((u) => u.filePath)).toEqual(['blob:small', 'blob:huge']);
  });

  it('no network: a Chinese message, nothing submitted, the note stays', async () => {
    taro.chooseImage = async () => ({ tempFilePaths: ['blob:offline'] });
    taro.uploadFile = async () => {
      throw new Error('uploadFile:fail');
    };
    const { submit, note } = renderForm();
    fireEvent.change(note, { target: { value: '已送到' } });
    fireEvent.click(screen.getByRole('button', { name: '添加照片' }));
    await waitFor(() => expect(document.querySelectorAll('img.photo')).toHaveLength(1));
    fireEvent.click(screen.getByRole('button', { name: '确认完成' }));
    expect(await screen.findByText(/第 1 张照片上传失败：网络不给力/)).toBeInTheDocument();
    expect(submit).not.toHaveBeenCalled();
    expect(note).toHaveValue('已送到');
  });
});

describe('the resident sees the photos on the wish', () => {
  it('shows the helper\'s note and photo thumbnails that open full size', async () => {
    const previews: { urls: string[]; current: string }[] = [];
    taro.previewImage = async (opts) => void previews.push(opts);
    taroMock.routerParams = { id: 'w1' };
    const completion = { note: '已更换滑轮', photos: [stored(4), 'cloud://env/photo.jpg'], hours: 1.5, by: 'u-vol', at: '2026-11-21T10:00:00+08:00' };
    fakeServer({ 'wishes.detail': () => detailReply(wishFixture({ status: 'done', ownerId: 'u-res', completion }), actors.resident()) });
    render(<WishPage />);

    expect(await screen.findByText('服务记录')).toBeInTheDocument();
    expect(screen.getByText('已更换滑轮')).toBeInTheDocument();
    const photos = Array.from(document.querySelectorAll('img.photo')).map((img) => img.getAttribute('src'));
    expect(photos).toEqual([stored(4), 'cloud://env/photo.jpg']);
    fireEvent.click(document.querySelectorAll('img.photo')[1]);
    // On h5 the viewer is loaded when first needed, so the preview opens a moment after the tap.
    await waitFor(() => expect(previews).toEqual([{ urls: [stored(4), 'cloud://env/photo.jpg'], current: 'cloud://env/photo.jpg' }]));
    delete taro.previewImage;
  });
});
