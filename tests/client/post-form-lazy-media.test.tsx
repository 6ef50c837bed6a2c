import { fireEvent, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { renderPostForm } from './support/postForm';
import { fakeServer } from './support/fakeServer';

// As the h5 build has it (services/mediaCalls.h5.ts): the album and upload calls (with Taro's device detection,
// which parses the user agent as it loads) are not part of the page but fetched when a photo is added.
const mockLoads = { media: 0 };
jest.mock('../../client/src/services/mediaCalls', () => jest.requireActual('../../client/src/services/mediaCalls.h5'));
jest.mock('../../client/src/services/mediaApi', () => {
  mockLoads.media += 1;
  return jest.requireActual('../../client/src/services/mediaApi');
});

test('the post form opens without the photo code; the touch on 添加照片 fetches it, once, and the album opens', async () => {
  fakeServer({});
  const album = jest.spyOn(Taro, 'chooseImage').mockResolvedValue({ tempFilePaths: ['blob:photo-1'], tempFiles: [], errMsg: 'chooseImage:ok' });
  renderPostForm();
  await screen.findByText('3号楼');
  expect(mockLoads.media).toBe(0);

  const add = screen.getByRole('button', { name: '添加照片' });
  fireEvent.touchStart(add);
  fireEvent.click(add);
  await waitFor(() => expect(document.querySelectorAll('img.photo')).toHaveLength(1));
  expect(album).toHaveBeenCalledTimes(1);
  expect(mockLoads.media).toBe(1);
});
