/**
 * @jest-environment jsdom
 */
// A 微故事 forwarded to a WeChat group: the compiled page answers onShareAppMessage with its title, its link and a picture.
import fs from 'node:fs';
import path from 'node:path';
import { bootWeapp } from './shim';

const dist = path.join(__dirname, '..', '..', 'dist', 'weapp');
if (!fs.existsSync(path.join(dist, 'app.json'))) {
  throw new Error('dist/weapp/app.json is missing: build the mini-program first (npm run build:weapp:local; npm test does it before jest).');
}

// As a reply hands it: signed for this reader, expiring (server/fileUrls.ts).
const AFTER = `/files/${'b'.repeat(64)}.jpg?u=-&exp=1796630400&sig=${'5'.repeat(64)}`;
const story = {
  id: 's1', title: '厨房水龙头漏水请帮忙维修', category: 'repair', categoryLabel: '维修', note: '志愿者小张带着工具上门，半小时就换好了阀芯。',
  beforePhotos: [], afterPhotos: [AFTER], residentName: '杨**', helpers: ['张**'], publishedAt: '2026-11-26T10:00:00+08:00',
};

test('the story page opens signed out and shares itself with its title, link and "after" photo', async () => {
  const mp = bootWeapp(dist);
  mp.storage.clear();
  mp.respondWith((call) => (call.fn === 'stories' && call.action === 'detail' ? { ok: true, data: { story, community: { id: 'c1', name: '桃源社区' } } } : undefined));
  const page = await mp.open('pages/story/index', { id: 's1' });
  await page.until(() => page.text().includes('半小时就换好了阀芯'), 'the story shows');
  expect(mp.calls.find((c) => c.fn === 'stories')).toMatchObject({ action: 'detail', data: { storyId: 's1' } });

  const instance = (globalThis as unknown as { getCurrentPages(): { onShareAppMessage?: (o: object) => Record<string, string> }[] }).getCurrentPages().at(-1)!;
  expect(typeof instance.onShareAppMessage).toBe('function');
  const shared = instance.onShareAppMessage!({ from: 'button' });
  expect(shared).toMatchObject({ title: '桃源社区·微故事：厨房水龙头漏水请帮忙维修', path: '/pages/story/index?id=s1' });
  // The whole signed link, against the build's absolute API base: WeChat fetches the picture with no token.
  expect(shared.imageUrl).toMatch(/^https?:\/\/[^/]+\/files\//);
  expect(shared.imageUrl.endsWith(AFTER)).toBe(true);
  page.close();
});
