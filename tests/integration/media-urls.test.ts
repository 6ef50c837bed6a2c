/**
 * Photos and voice notes are served only to those a reply showed them to (issue 16 leftover): `/files/<name>` needs a
 * URL signed for a viewer that has not expired. A bare name, a link past its hour, or one with its viewer, name or
 * expiry changed is refused with the same 403 whether or not the file exists.
 */
import { storedRef } from '@shared/vocab/photoRefs';
import { startTestServer, wishInput, type Client, type TestServer } from './harness';

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
const M4A = Buffer.concat([Buffer.from([0, 0, 0, 0x20]), Buffer.from('ftypM4A \x00\x00\x00\x00', 'latin1'), Buffer.from('语音'.repeat(20))]);
let server: TestServer;
let n = 0;

beforeAll(async () => {
  server = await startTestServer();
  await (await server.login('secretary')).ok('org', 'updateSettings', { settings: { postsPerDay: 50 } });
});
afterAll(() => server?.stop());

async function upload(client: Client, bytes: Buffer): Promise<string> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(Buffer.concat([bytes, Buffer.from(`#${++n}`)]))]), 'f.bin');
  const res = await fetch(`${server.url}/api/upload`, { method: 'POST', body: form, headers: { authorization: `Bearer ${client.token}` } });
  expect(res.status).toBe(200);
  return ((await res.json()) as any).data.url;
}

const get = (url: string, headers: Record<string, string> = {}) => fetch(`${server.url}${url}`, { headers });
const errorOf = async (res: Response) => ({ status: res.status, body: (await res.json()) as any });

/** A resident's wish with a photo and a voice note; its bare references as uploaded. */
async function wishWithMedia() {
  const resident = await server.login('resident');
  const photo = await upload(resident, PNG);
  const voice = await upload(resident, M4A);
  const { wish } = await resident.ok('wishes', 'create', wishInput({ voice: { url: voice, seconds: 8 }, photos: [photo] }));
  return { resident, wish, photo, voice };
}

describe('a photo or a voice note is not served to whoever holds its name', () => {
  test('signed out, the bare name a wish was posted with gets a 403 and no bytes', async () => {
    const { photo, voice } = await wishWithMedia();
    for (const url of [photo, voice]) {
      const res = await errorOf(await get(url));
      expect(res).toMatchObject({ status: 403, body: { ok: false, error: { code: 'FORBIDDEN', details: { reason: 'missing' } } } });
    }
  });

  test('a name nobody stored and a stored one are refused alike without a signature: the refusal says nothing of what exists', async () => {
    const { photo } = await wishWithMedia();
    const stored = await errorOf(await get(photo));
    const unknown = await errorOf(await get(`/files/${'0'.repeat(64)}.png`));
    expect(unknown).toEqual(stored);
  });

  test('the upload\'s reply is the bare reference: sending the same bytes again gives no working link to someone else\'s file', async () => {
    const resident = await server.login('resident');
    const bytes = Buffer.concat([PNG, Buffer.from('阳台的照片')]);
    const form = () => {
      const f = new FormData();
      f.append('file', new Blob([new Uint8Array(bytes)]), 'p.png');
      return f;
    };
    const send = async (c: Client) => ((await (await fetch(`${server.url}/api/upload`, { method: 'POST', body: form(), headers: { authorization: `Bearer ${c.token}` } })).json()) as any).data;
    const mine = await send(resident);
    await resident.ok('wishes', 'create', wishInput({ photos: [mine.url] }));
    const again = await send(await server.login('volunteer'));
    expect(again).toEqual({ url: mine.url });
    expect((await get(again.url)).status).toBe(403);
  });
});

describe('a reply that shows the media gives a URL for that viewer, for an hour', () => {
  test('the resident\'s wish page gives signed URLs that serve the bytes; what is stored is the bare reference', async () => {
    const { resident, wish, photo, voice } = await wishWithMedia();
    const detail = await resident.ok('wishes', 'detail', { wishId: wish.id });
    const [shownPhoto] = detail.wish.photos as string[];
    expect(shownPhoto).toMatch(new RegExp(`^${photo.replace(/\./g, '\\.')}\\?u=${resident.user.id}&exp=\\d+&sig=[0-9a-f]{64}$`));
    expect(storedRef(shownPhoto)).toBe(photo);
    expect(storedRef(detail.wish.voice.url)).toBe(voice);
    const got = await get(shownPhoto);
    expect(got.status).toBe(200);
    expect(Buffer.from(await got.arrayBuffer()).subarray(0, 8).equals(PNG.subarray(0, 8))).toBe(true);
    // The browser keeps it no longer than the link works.
    const maxAge = Number(/max-age=(\d+)/.exec(got.headers.get('cache-control') ?? '')?.[1]);
    expect(maxAge).toBeGreaterThanOrEqual(3600);
    expect(maxAge).toBeLessThanOrEqual(3600 + 15 * 60);
    // A player seeks with byte ranges, through the same link.
    const part = await get(detail.wish.voice.url, { range: 'bytes=0-3' });
    expect(part.status).toBe(206);
    const stored = await server.db.collection('wishes').findOne({ _id: wish.id });
    expect(stored).toMatchObject({ photos: [photo], voice: { url: voice } });
  });

  test('the review queue, the timeline\'s report photos and the helper\'s view each give URLs for their own viewer', async () => {
    const { wish, photo } = await wishWithMedia();
    const secretary = await server.login('secretary');
    const queue = await secretary.ok('dispatch', 'queue', {});
    const inQueue = (queue.items as any[]).find((w) => w.id === wish.id);
    expect(inQueue.photos[0]).toContain(`${photo}?u=${secretary.user.id}&`);
    expect((await get(inQueue.photos[0])).status).toBe(200);
    await secretary.ok('dispatch', 'approve', { wishId: wish.id });
    const volunteer = await server.login('volunteer');
    await volunteer.ok('tasks', 'claim', { wishId: wish.id });
    const report = await upload(volunteer, PNG);
    await volunteer.ok('tasks', 'start', { wishId: wish.id });
    await volunteer.ok('tasks', 'progress', { wishId: wish.id, note: '材料买好了', photos: [report] });
    const resident = await server.login('resident');
    const detail = await resident.ok('wishes', 'detail', { wishId: wish.id });
    const step = (detail.events as any[]).find((e) => e.photos);
    expect(step.photos[0]).toContain(`${report}?u=${resident.user.id}&`);
    expect((await get(step.photos[0])).status).toBe(200);
    const helper = await volunteer.ok('wishes', 'detail', { wishId: wish.id });
    expect(helper.wish.photos[0]).toContain(`?u=${volunteer.user.id}&`);
  });

  test('an hour and a quarter later the link is refused as expired; the wish read again gives a fresh one that works', async () => {
    const { resident, wish } = await wishWithMedia();
    const before = (await resident.ok('wishes', 'detail', { wishId: wish.id })).wish.photos[0];
    expect((await get(before)).status).toBe(200);
    server.clock.advanceHours(1.25);
    const expired = await errorOf(await get(before));
    expect(expired).toMatchObject({ status: 403, body: { ok: false, error: { code: 'FORBIDDEN', message: '链接已过期，请刷新页面后再看', details: { reason: 'expired' } } } });
    const fresh = (await resident.ok('wishes', 'detail', { wishId: wish.id })).wish.photos[0];
    expect(fresh).not.toBe(before);
    expect((await get(fresh)).status).toBe(200);
  });

  test('a link changed in its viewer, its name or its expiry is refused', async () => {
    const { resident, wish } = await wishWithMedia();
    const other = await wishWithMedia();
    const url = (await resident.ok('wishes', 'detail', { wishId: wish.id })).wish.photos[0] as string;
    const otherName = storedRef((await resident.ok('wishes', 'detail', { wishId: other.wish.id })).wish.photos[0]);
    const [path, query] = url.split('?');
    const exp = Number(/exp=(\d+)/.exec(query)![1]);
    const tampered = [
      `${path}?${query.replace(/u=[^&]+/, 'u=someone-else')}`,
      `${otherName}?${query}`,
      `${path}?${query.replace(/exp=\d+/, `exp=${exp + 3600 * 24 * 365}`)}`,
      `${path}?${query.replace(/sig=[0-9a-f]{64}/, `sig=${'0'.repeat(64)}`)}`,
      `${path}?${query.replace(/sig=[0-9a-f]{64}/, 'sig=xyz')}`,
      `${path}?${query}&u=twice`,
    ];
    for (const bad of tampered) {
      const res = await errorOf(await get(bad));
      expect({ bad, status: res.status, reason: res.body.error?.details?.reason }).toEqual({ bad, status: 403, reason: 'invalid' });
    }
  });

  test('a form sends back the stored reference: the signed URL a reply gave is not taken as a photo', async () => {
    const { resident, wish, photo } = await wishWithMedia();
    const shown = (await resident.ok('wishes', 'detail', { wishId: wish.id })).wish.photos[0];
    const refused = await resident.call('wishes', 'update', { wishId: wish.id, photos: [shown] });
    expect(refused.body).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', details: { fields: [{ path: 'photos.0' }] } } });
    await resident.ok('wishes', 'update', { wishId: wish.id, photos: [storedRef(shown)] });
    expect(await server.db.collection('wishes').findOne({ _id: wish.id })).toMatchObject({ photos: [photo] });
  });
});
