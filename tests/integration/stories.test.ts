/**
 * 微故事 (issue 12.6): the secretary tells a confirmed wish as a short story; the resident it is about
 * is asked and decides; only a consented story goes up on the wall, before the fulfilled wishes; taking
 * consent back takes it down. Never a sensitive wish; an anonymous resident stays anonymous.
 */
import { startTestServer, type Client, type TestServer } from './harness';
import { storedRef } from '@shared/vocab/photoRefs';

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

let server: TestServer;
let secretary: Client;
beforeAll(async () => {
  server = await startTestServer();
  secretary = await server.login('secretary');
});
afterAll(() => server?.stop());

const wishIdOf = async (title: string) => String((await server.db.collection('wishes').findOne({ title }))!._id);
const wall = () => server.anonymous().ok('stats', 'wall', { communityId: 'com-taoyuan', limit: 50 });
/** The refusal's code, or undefined when the call went through. */
const codeOf = (reply: { body: { ok: boolean; error?: { code: string } } }) => (reply.body.ok ? undefined : reply.body.error?.code);
const NOTE = '杨大爷家的水龙头滴了一个月，志愿者小张带着工具上门，半小时就换好了阀芯。';

async function upload(bytes: Buffer, token: string): Promise<string> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(bytes)], { type: 'image/png' }), 'photo.png');
  const res = await fetch(`${server.url}/api/upload`, { method: 'POST', body: form, headers: { authorization: `Bearer ${token}` } });
  return ((await res.json()) as { data: { url: string } }).data.url;
}

describe('from draft to the wall, with the resident’s consent', () => {
  test('drafted: the resident is asked in the inbox and on the wish; nothing shows until consented and published', async () => {
    const wishId = await wishIdOf('厨房水龙头漏水请帮忙维修');
    const before = await upload(Buffer.concat([PNG, Buffer.from('before')]), secretary.token!);
    const after = await upload(Buffer.concat([PNG, Buffer.from('after')]), secretary.token!);
    const { story } = await secretary.ok('stories', 'draft', { wishId, note: NOTE, beforePhotos: [before], afterPhotos: [after] });
    expect(story).toMatchObject({ status: 'awaiting_consent', title: '厨房水龙头漏水请帮忙维修', note: NOTE, thanks: '修好了，很及时', stars: 4, residentName: '杨**' });
    expect([story.beforePhotos.map(storedRef), story.afterPhotos.map(storedRef)]).toEqual([[before], [after]]);

    const resident = await server.login('resident2');
    const inbox = await resident.ok('notify', 'inbox', {});
    expect(inbox.items.find((m: any) => m.template === 'story_consent_requested' && m.wishId === wishId)).toMatchObject({ title: '社区想分享您的心愿故事' });
    expect((await resident.ok('stories', 'ofWish', { wishId })).story).toMatchObject({ id: story.id, status: 'awaiting_consent' });

    // Not before consent: publishing is refused, the wall and a shared link show nothing.
    expect(codeOf(await secretary.call('stories', 'publish', { storyId: story.id }))).toBe('CONFLICT');
    expect((await wall()).stories).toEqual([]);
    expect((await server.anonymous().call('stories', 'detail', { storyId: story.id })).status).toBe(404);

    // Only the resident may consent.
    expect((await secretary.call('stories', 'consent', { storyId: story.id, consent: true })).status).toBe(403);
    expect((await (await server.login('resident')).call('stories', 'consent', { storyId: story.id, consent: true })).status).toBe(404);
    const consented = await resident.ok('stories', 'consent', { storyId: story.id, consent: true });
    expect(consented.story.status).toBe('consented');
    expect((await secretary.ok('notify', 'inbox', {})).items.find((m: any) => m.template === 'story_consent_answered' && m.wishId === wishId)).toBeDefined();

    const published = await secretary.ok('stories', 'publish', { storyId: story.id });
    expect(published.story.status).toBe('published');
    const shared = await server.anonymous().ok('stories', 'detail', { storyId: story.id });
    expect(shared.community.name).toBe('桃源社区');
    expect(shared.story).toMatchObject({ id: story.id, title: '厨房水龙头漏水请帮忙维修', note: NOTE, residentName: '杨**', helpers: ['张**'] });
    // A published story is public: a reader nobody signed in gets its photos, as a link that expires like any other.
    expect(shared.story.afterPhotos).toEqual([expect.stringMatching(new RegExp(`^${after.replace('.', '\\.')}\\?u=-&exp=\\d+&sig=`))]);
    expect((await fetch(`${server.url}${shared.story.afterPhotos[0]}`)).status).toBe(200);
    // The public card names neither the wish nor its state.
    expect(shared.story.wishId).toBeUndefined();
    expect(JSON.stringify(shared)).not.toContain(wishId);
    expect(JSON.stringify(shared)).not.toContain('杨建国');
  });

  test('the wall opens with the stories, then the fulfilled wishes; a told wish appears once, as its story', async () => {
    const page = await wall();
    expect(page.stories.map((s: any) => s.title)).toEqual(['厨房水龙头漏水请帮忙维修']);
    expect(page.items.map((w: any) => w.title)).not.toContain('厨房水龙头漏水请帮忙维修');
    expect(page.items.map((w: any) => w.title)).toContain('楼道灯坏了需要更换');
    // Later pages continue with wishes only.
    const first = await server.anonymous().ok('stats', 'wall', { communityId: 'com-taoyuan', limit: 2 });
    const next = await server.anonymous().ok('stats', 'wall', { communityId: 'com-taoyuan', limit: 2, cursor: first.nextCursor });
    expect(first.stories).toHaveLength(1);
    expect(next.stories).toEqual([]);
  });

  test('taking consent back takes the story off the wall at once; the secretary cannot put it back', async () => {
    const wishId = await wishIdOf('厨房水龙头漏水请帮忙维修');
    const resident = await server.login('resident2');
    const { story } = await resident.ok('stories', 'ofWish', { wishId });
    expect(story.status).toBe('published');
    const withdrawn = await resident.ok('stories', 'consent', { storyId: story.id, consent: false });
    expect(withdrawn.story.status).toBe('withdrawn');
    expect((await wall()).stories).toEqual([]);
    expect((await wall()).items.map((w: any) => w.title)).toContain('厨房水龙头漏水请帮忙维修');
    expect((await server.anonymous().call('stories', 'detail', { storyId: story.id })).status).toBe(404);
    expect(codeOf(await secretary.call('stories', 'publish', { storyId: story.id }))).toBe('CONFLICT');
    // Consenting again lets it go up again.
    await resident.ok('stories', 'consent', { storyId: story.id, consent: true });
    await secretary.ok('stories', 'publish', { storyId: story.id });
    expect((await wall()).stories).toHaveLength(1);
    // The secretary may take it down on their own; it stays consented.
    expect((await secretary.ok('stories', 'unpublish', { storyId: story.id })).story.status).toBe('consented');
    expect((await wall()).stories).toEqual([]);
  });

  test('a published story cannot be redrafted in place; a redraft asks the resident again', async () => {
    const wishId = await wishIdOf('楼道灯坏了需要更换');
    const resident = await server.login('resident2');
    const { story } = await secretary.ok('stories', 'draft', { wishId, note: '第一稿', withThanks: false });
    await resident.ok('stories', 'consent', { storyId: story.id, consent: true });
    await secretary.ok('stories', 'publish', { storyId: story.id });
    expect(codeOf(await secretary.call('stories', 'draft', { wishId, note: '改一改' }))).toBe('CONFLICT');
    await secretary.ok('stories', 'unpublish', { storyId: story.id });
    const redraft = await secretary.ok('stories', 'draft', { wishId, note: '第二稿' });
    expect(redraft.story).toMatchObject({ id: story.id, status: 'awaiting_consent', note: '第二稿' });
    expect(codeOf(await secretary.call('stories', 'publish', { storyId: story.id }))).toBe('CONFLICT');
  });
});

describe('who and what never reaches the wall', () => {
  test('a sensitive wish is never drafted, and a sensitive story put in storage by hand is never shown', async () => {
    for (const title of ['咨询拖欠工资如何维权', '楼上夜间噪音希望调解', '希望上门量血压做健康检查', '预约接送去妇幼保健院打疫苗']) {
      const reply = await secretary.call('stories', 'draft', { wishId: await wishIdOf(title), note: NOTE });
      expect([title, codeOf(reply)]).toEqual([title, 'CONFLICT']);
    }
    const legal = await server.db.collection('wishes').findOne({ title: '咨询拖欠工资如何维权' });
    const now = new Date();
    await server.db.collection('stories').insertOne({
      _id: 'story-legal' as never, wishId: String(legal!._id), communityId: 'com-taoyuan', category: 'legal_aid', title: legal!.title, note: '不该出现',
      beforePhotos: [], afterPhotos: [], ownerId: legal!.ownerId, anonymous: false, helperIds: [], status: 'published', authorId: 'u-secretary', draftedAt: now, publishedAt: now, updatedAt: now,
    });
    const page = await wall();
    expect(JSON.stringify(page)).not.toContain('不该出现');
    expect(page.items.map((w: any) => w.category)).not.toContain('legal_aid');
    expect((await server.anonymous().call('stories', 'detail', { storyId: 'story-legal' })).status).toBe(404);
    await server.db.collection('stories').deleteOne({ _id: 'story-legal' as never });
  });

  test('only a confirmed wish is told, by the secretary of its community', async () => {
    expect(codeOf(await secretary.call('stories', 'draft', { wishId: await wishIdOf('搬运旧家具到楼下'), note: NOTE }))).toBe('CONFLICT');
    const faucet = await wishIdOf('厨房水龙头漏水请帮忙维修');
    expect((await (await server.login('grid_worker')).call('stories', 'draft', { wishId: faucet, note: NOTE })).status).toBe(403);
    expect((await (await server.login('secretary2')).call('stories', 'draft', { wishId: faucet, note: NOTE })).status).toBe(404);
  });

  test('an anonymous resident stays anonymous on the story, the wall and the shared link', async () => {
    const wishId = await wishIdOf('独居老人希望有人陪聊天');
    const { story } = await secretary.ok('stories', 'draft', { wishId, note: '刘佳每周三下午都去陪李奶奶说说话。' });
    const elder = await server.login('elder');
    await elder.ok('stories', 'consent', { storyId: story.id, consent: true });
    await secretary.ok('stories', 'publish', { storyId: story.id });
    const card = (await wall()).stories.find((s: any) => s.id === story.id);
    expect(card).toMatchObject({ residentName: '匿名居民', thanks: '小刘每周都来，很开心', helpers: ['刘*'] });
    const shared = await server.anonymous().ok('stories', 'detail', { storyId: story.id });
    expect(shared.story.residentName).toBe('匿名居民');
    expect(JSON.stringify(shared)).not.toContain('李桂英');
    expect(JSON.stringify(await wall())).not.toContain('李桂英');
  });

  test('a story keeps its photos past the sweep of unused uploads', async () => {
    const photo = await upload(Buffer.concat([PNG, Buffer.from('kept by a story')]), secretary.token!);
    const wishId = await wishIdOf('咨询养老保险认证办理');
    await secretary.ok('stories', 'draft', { wishId, note: '教会了', afterPhotos: [photo] });
    await server.db.collection('photos.files').updateOne({ _id: photo.slice('/files/'.length) as never }, { $set: { 'metadata.lastUploadAt': new Date(server.clock.now().getTime() - 25 * 3_600_000) } });
    await server.sweepPhotos();
    expect((await fetch(`${server.url}${server.fileUrl(photo)}`)).status).toBe(200);
  });
});
