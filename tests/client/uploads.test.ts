/**
 * services/uploads on its own (issue 16): what a form's payload becomes on the way to the server, and what a failure
 * says. The forms' suites (report-photos, post-form, staff-proxy-voice) walk the same through the screens.
 */
import Taro from '@tarojs/taro';
import { PhotoUploadError, VoiceUploadError, choosePhotos, withUploads } from '../../client/src/services/uploads';
import { taroMock } from './__mocks__/taro';

const taro = Taro as unknown as Record<string, unknown>;
const originalChoose = taro.chooseImage;
const sent: string[] = [];
const stored = (path: string) => `/files/${'a'.repeat(63)}${sent.length}.${path.endsWith('.mp3') ? 'mp3' : 'jpg'}`;

beforeEach(() => {
  taroMock.reset();
  taroMock.storage.set('xy.token', 'token-res');
  sent.length = 0;
  taro.uploadFile = async (req: { filePath: string }) => {
    if (req.filePath.includes('offline')) throw new Error('uploadFile:fail');
    sent.push(req.filePath);
    return { statusCode: 200, data: JSON.stringify({ ok: true, data: { url: stored(req.filePath) } }) };
  };
});
afterEach(() => {
  delete taro.uploadFile;
  taro.chooseImage = originalChoose;
});

test('photos go up in order, then the voice note; stored ones stay as they are and nothing else changes', async () => {
  const kept = `/files/${'b'.repeat(64)}.jpg`;
  const out = await withUploads({ title: '', photos: ['blob:p1', kept, 'blob:p3'], voice: { url: 'blob:v.mp3', seconds: 9 } }, 'new');
  expect(sent).toEqual(['blob:p1', 'blob:p3', 'blob:v.mp3']);
  expect(out).toEqual({ title: '', photos: [expect.stringMatching(/^\/files\//), kept, expect.stringMatching(/^\/files\//)], voice: { url: expect.stringMatching(/\.mp3$/), seconds: 9 } });
});

test('the second photo failing stops there with its number; sent again, the first is not sent twice', async () => {
  await expect(withUploads({ photos: ['blob:a1', 'blob:offline-2', 'blob:a3'] }, 'new')).rejects.toEqual(expect.any(PhotoUploadError));
  await expect(withUploads({ photos: ['blob:a1', 'blob:offline-2'] }, 'new')).rejects.toThrow(/^第 2 张照片上传失败：/);
  expect(sent).toEqual(['blob:a1']);
});

test('a voice note that does not get through says so, after the photos went up', async () => {
  const failed = withUploads({ photos: ['blob:b1'], voice: { url: 'blob:offline.mp3', seconds: 4 } }, 'new');
  await expect(failed).rejects.toEqual(expect.any(VoiceUploadError));
  await expect(failed).rejects.toThrow(/^语音上传失败：/);
  expect(sent).toEqual(['blob:b1']);
});

test('the album refusing at once (no permission) is a rejection the picker can catch, not a throw', async () => {
  taro.chooseImage = () => {
    throw new Error('chooseImage:fail auth deny');
  };
  await expect(choosePhotos(3)).rejects.toThrow('chooseImage:fail auth deny');
});
