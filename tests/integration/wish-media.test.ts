/**
 * Photos and a voice note when posting (issue 16): what the upload takes in (told by its bytes), a wish posted with
 * only a voice note and a category, who is given the photos and the voice note and who is not, staff typing the
 * voice note out, and the sweep of unused uploads keeping what a wish was posted with.
 */
import { createHash } from 'node:crypto';
import { storedRef } from '@shared/vocab/photoRefs';
import { startTestServer, wishInput, type Client, type TestServer } from './harness';

const PHOTO_LIMIT = 64 * 1024;
const VOICE_LIMIT = 32 * 1024;
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ config: { uploadLimitBytes: PHOTO_LIMIT, voiceLimitBytes: VOICE_LIMIT } as never });
  await (await server.login('secretary')).ok('org', 'updateSettings', { settings: { postsPerDay: 50 } });
});
afterAll(() => server?.stop());

/** The first bytes of what each recorder makes, then some body (the sniffer reads only the start). */
const body = (tag: string) => Buffer.from(` ${tag} ${'语音'.repeat(40)}`);
const RECORDINGS = {
  // WeChat's RecorderManager, format mp3: an ID3 tag, or straight into MPEG-1 Layer III frames.
  mp3: Buffer.concat([Buffer.from('ID3\x04\x00\x00\x00\x00\x00\x00', 'latin1'), body('mp3')]),
  mp3frames: Buffer.concat([Buffer.from([0xff, 0xfb, 0x90, 0x64]), body('frames')]),
  // format aac: ADTS frames (sync 0xFFF, layer 00).
  aac: Buffer.concat([Buffer.from([0xff, 0xf1, 0x50, 0x80, 0x02, 0x1f, 0xfc]), body('aac')]),
  // Safari's MediaRecorder (audio/mp4), or an m4a a phone kept.
  m4a: Buffer.concat([Buffer.from([0, 0, 0, 0x20]), Buffer.from('ftypM4A \x00\x00\x00\x00', 'latin1'), body('m4a')]),
  // Chrome's MediaRecorder (audio/webm;codecs=opus): an EBML header.
  webm: Buffer.concat([Buffer.from([0x1a, 0x45, 0xdf, 0xa3, 0x9f]), body('webm')]),
  // Firefox's (audio/ogg;codecs=opus).
  ogg: Buffer.concat([Buffer.from('OggS\x00\x02', 'latin1'), body('ogg')]),
};
const TYPES: Record<string, string> = { mp3: 'audio/mpeg', aac: 'audio/aac', m4a: 'audio/mp4', webm: 'audio/webm', ogg: 'audio/ogg' };
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

async function upload(bytes: Buffer, token: string | undefined, filename = 'voice.mp3', type = 'audio/mpeg') {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(bytes)], { type }), filename);
  const res = await fetch(`${server.url}/api/upload`, { method: 'POST', body: form, headers: token ? { authorization: `Bearer ${token}` } : {} });
  return { status: res.status, body: (await res.json()) as any };
}

/** A distinct recording each time (the same bytes are the same file). */
let n = 0;
const freshVoice = () => Buffer.concat([RECORDINGS.m4a, Buffer.from(`第${++n}段`)]);
const freshPhoto = () => Buffer.concat([PNG, Buffer.from(`照片${++n}`)]);
const urlOf = async (client: Client, bytes: Buffer) => {
  const up = await upload(bytes, client.token);
  expect(up.status).toBe(200);
  return up.body.data.url as string;
};

describe('the upload takes in voice notes, told by their bytes', () => {
  test.each(Object.entries(RECORDINGS))('a %s recording is stored and served as what it is', async (kind, bytes) => {
    const resident = await server.login('resident');
    const up = await upload(bytes, resident.token, 'recording.bin', 'application/octet-stream');
    expect(up.status).toBe(200);
    const ext = kind === 'mp3frames' ? 'mp3' : kind;
    expect(up.body.data.url).toBe(`/files/${createHash('sha256').update(bytes).digest('hex')}.${ext}`);
    const got = await fetch(`${server.url}${server.fileUrl(up.body.data.url)}`);
    expect(got.status).toBe(200);
    expect(got.headers.get('content-type')).toBe(TYPES[ext]);
    expect(got.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await got.arrayBuffer()).equals(bytes)).toBe(true);
    // A player seeks with byte ranges.
    const part = await fetch(`${server.url}${server.fileUrl(up.body.data.url)}`, { headers: { range: 'bytes=0-3' } });
    expect(part.status).toBe(206);
    expect(Buffer.from(await part.arrayBuffer()).equals(bytes.subarray(0, 4))).toBe(true);
  });

  test('a text file named like a recording is refused, and nothing is stored', async () => {
    const resident = await server.login('resident');
    const before = await server.db.collection('photos.files').countDocuments();
    const text = await upload(Buffer.from('这不是语音，只是改了名字的文本文件'), resident.token, 'voice.mp3', 'audio/mpeg');
    expect(text.status).toBe(400);
    expect(text.body.error).toMatchObject({ code: 'VALIDATION_FAILED', message: '只能上传 JPG、PNG、WebP 格式的照片，或 MP3、AAC、M4A、WebM、Ogg 格式的语音', details: { fields: [{ path: 'file' }] } });
    expect(await server.db.collection('photos.files').countDocuments()).toBe(before);
  });

  test('a voice note has its own size limit, smaller than a photo\'s', async () => {
    const resident = await server.login('resident');
    const long = Buffer.concat([RECORDINGS.webm, Buffer.alloc(VOICE_LIMIT + 1)]);
    const refused = await upload(long, resident.token, 'a.webm', 'audio/webm');
    expect(refused.status).toBe(413);
    expect(refused.body.error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', message: '语音不能超过 32 KB', details: { limitBytes: VOICE_LIMIT } });
    // A photo of the same size is within its own.
    expect((await upload(Buffer.concat([PNG, Buffer.alloc(VOICE_LIMIT + 1)]), resident.token, 'a.png', 'image/png')).status).toBe(200);
  });

  test('signed out, nothing is taken in', async () => {
    expect((await upload(RECORDINGS.ogg, undefined)).status).toBe(401);
  });
});

describe('a wish said by voice', () => {
  test('a resident posts with only a category, a place and a voice note: the title says 语音, the description waits', async () => {
    const resident = await server.login('resident');
    const url = await urlOf(resident, freshVoice());
    const { wish } = await resident.ok('wishes', 'create', { category: 'repair', location: wishInput().location, voice: { url, seconds: 9 } });
    expect(wish).toMatchObject({ title: '维修（语音）', voice: { seconds: 9 }, status: 'pending_review' });
    expect(storedRef(wish.voice.url)).toBe(url);
    expect(wish.description).toBeUndefined();
  });

  test('without a voice note the description is asked for, and nothing is posted', async () => {
    const resident = await server.login('resident');
    const before = await server.db.collection('wishes').countDocuments();
    const reply = await resident.call('wishes', 'create', { category: 'repair', title: '水龙头坏了', location: wishInput().location });
    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', details: { fields: [{ path: 'description', message: '请写下需要什么帮助，或按住说话录一段语音' }] } } });
    expect(await server.db.collection('wishes').countDocuments()).toBe(before);
  });

  test('a photo is not a voice note', async () => {
    const resident = await server.login('resident');
    const photo = await urlOf(resident, freshPhoto());
    const reply = await resident.call('wishes', 'create', { category: 'repair', location: wishInput().location, voice: { url: photo, seconds: 9 } });
    expect(reply.body).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', details: { fields: [{ path: 'voice.url' }] } } });
  });

  test('while it waits, the resident may record again or take photos away; the voice note may go only once the words are written', async () => {
    const resident = await server.login('resident');
    const [first, second, photo] = [await urlOf(resident, freshVoice()), await urlOf(resident, freshVoice()), await urlOf(resident, freshPhoto())];
    const { wish } = await resident.ok('wishes', 'create', { category: 'repair', location: wishInput().location, voice: { url: first, seconds: 5 }, photos: [photo] });
    const rerecorded = await resident.ok('wishes', 'update', { wishId: wish.id, voice: { url: second, seconds: 12 }, photos: null });
    expect({ ...rerecorded.wish.voice, url: storedRef(rerecorded.wish.voice.url) }).toEqual({ url: second, seconds: 12 });
    expect(rerecorded.wish.photos).toBeUndefined();
    const refused = await resident.call('wishes', 'update', { wishId: wish.id, voice: null });
    expect(refused.body).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', details: { fields: [{ path: 'description' }] } } });
    const written = await resident.ok('wishes', 'update', { wishId: wish.id, voice: null, description: '厨房水龙头一直滴水' });
    expect(written.wish.voice).toBeUndefined();
  });
});

describe('who hears it and sees the photos', () => {
  let wishId: string;
  let voiceUrl: string;
  let photoUrl: string;
  const people: Record<string, Client> = {};

  beforeAll(async () => {
    for (const who of ['resident', 'resident2', 'secretary', 'grid_worker', 'volunteer', 'volunteer2', 'town_admin', 'secretary2']) people[who] = await server.login(who);
    voiceUrl = await urlOf(people.resident, freshVoice());
    photoUrl = await urlOf(people.resident, freshPhoto());
    const { wish } = await people.resident.ok('wishes', 'create', wishInput({ title: undefined, description: undefined, voice: { url: voiceUrl, seconds: 20 }, photos: [photoUrl] }));
    wishId = wish.id;
  });

  const seen = (reply: unknown) => {
    const text = JSON.stringify(reply);
    return { voice: text.includes(voiceUrl), photo: text.includes(photoUrl) };
  };

  test('in review: the resident and the community\'s staff; the grid worker of its grid too', async () => {
    expect(seen(await people.resident.ok('wishes', 'detail', { wishId }))).toEqual({ voice: true, photo: true });
    expect(seen(await people.secretary.ok('dispatch', 'queue', {}))).toEqual({ voice: true, photo: true });
    expect(seen(await people.grid_worker.ok('wishes', 'detail', { wishId }))).toEqual({ voice: true, photo: true });
    // The town above may read the wish, not hear the resident.
    const town = await people.town_admin.ok('wishes', 'detail', { wishId });
    expect(town.wish.id).toBe(wishId);
    expect(seen(town)).toEqual({ voice: false, photo: false });
    for (const who of ['resident2', 'secretary2', 'volunteer']) expect((await people[who].call('wishes', 'detail', { wishId })).body).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  test('the secretary types it out; the timeline says 整理语音内容; a resident may not', async () => {
    const said = '阳台晾衣架卡住了，想请人帮忙修，下午在家';
    const refused = await people.resident.call('dispatch', 'transcribe', { wishId, description: said });
    expect(refused.body).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const { wish } = await people.secretary.ok('dispatch', 'transcribe', { wishId, description: said, title: '阳台晾衣架坏了' });
    expect(wish).toMatchObject({ description: said, title: '阳台晾衣架坏了', voice: { seconds: 20 } });
    expect(storedRef(wish.voice.url)).toBe(voiceUrl);
    const detail = await people.resident.ok('wishes', 'detail', { wishId });
    expect(detail.events.at(-1)).toMatchObject({ action: 'transcribe', from: 'pending_review', to: 'pending_review', actor: { role: 'secretary' } });
    expect(JSON.stringify(detail.events)).not.toContain(said);
  });

  test('in the pool: a volunteer deciding reads the wish but is not given the voice or the photos; the hall, the wall and Open311 never', async () => {
    await people.secretary.ok('dispatch', 'approve', { wishId });
    const before = await people.volunteer.ok('wishes', 'detail', { wishId });
    expect(before.wish.id).toBe(wishId);
    expect(seen(before)).toEqual({ voice: false, photo: false });
    expect(seen(await people.volunteer.ok('tasks', 'nearby', { lng: 113.9951, lat: 31.2527, radiusM: 5000 }))).toEqual({ voice: false, photo: false });
    expect(seen(await server.anonymous().ok('stats', 'wall', { communityId: 'com-taoyuan', limit: 50 }))).toEqual({ voice: false, photo: false });
    const open311 = await (await fetch(`${server.url}/open311/v2/requests.json?jurisdiction_id=com-taoyuan`)).text();
    expect(open311).toContain('阳台晾衣架坏了');
    expect(seen(open311)).toEqual({ voice: false, photo: false });
  });

  test('the helper who claims it hears it and fetches the bytes; another helper does not get it', async () => {
    await people.volunteer.ok('tasks', 'claim', { wishId });
    const detail = await people.volunteer.ok('wishes', 'detail', { wishId });
    expect({ ...detail.wish.voice, url: storedRef(detail.wish.voice.url) }).toEqual({ url: voiceUrl, seconds: 20 });
    expect(detail.wish.photos.map(storedRef)).toEqual([photoUrl]);
    const audio = await fetch(`${server.url}${detail.wish.voice.url}`);
    expect(audio.status).toBe(200);
    expect(audio.headers.get('content-type')).toBe('audio/mp4');
    expect((await people.volunteer2.call('wishes', 'detail', { wishId })).body).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    // The stored name is the content's sha256: a name nobody was given is not found.
    expect((await fetch(`${server.url}${server.fileUrl(`/files/${'0'.repeat(64)}.m4a`)}`)).status).toBe(404);
  });

  test('once the work is done and confirmed, the helper no longer has them; the resident still does', async () => {
    await people.volunteer.ok('tasks', 'start', { wishId });
    await people.volunteer.ok('tasks', 'complete', { wishId, note: '修好了' });
    await people.resident.ok('wishes', 'confirm', { wishId });
    expect(seen(await people.volunteer.ok('wishes', 'detail', { wishId }))).toEqual({ voice: false, photo: false });
    expect(seen(await people.resident.ok('wishes', 'detail', { wishId }))).toEqual({ voice: true, photo: true });
  });
});

describe('the sweep of unused uploads', () => {
  test('keeps the voice note and photos a wish was posted with, and deletes the recordings nobody posted', async () => {
    const resident = await server.login('resident');
    const [kept, photo, dropped] = [await urlOf(resident, freshVoice()), await urlOf(resident, freshPhoto()), await urlOf(resident, freshVoice())];
    await resident.ok('wishes', 'create', wishInput({ description: undefined, voice: { url: kept, seconds: 3 }, photos: [photo] }));
    const old = new Date(server.clock.now().getTime() - 25 * 3_600_000);
    await server.db.collection('photos.files').updateMany({}, { $set: { 'metadata.lastUploadAt': old } });
    await server.sweepPhotos();
    for (const url of [kept, photo]) expect((await fetch(`${server.url}${server.fileUrl(url)}`)).status).toBe(200);
    expect((await fetch(`${server.url}${server.fileUrl(dropped)}`)).status).toBe(404);
  });
});

describe('a voice note the grid worker records with an elder (代录心愿)', () => {
  test("李桂英 says what she needs into the grid worker's phone: the wish is hers with the voice note, staff type it out", async () => {
    const grid = await server.login('grid_worker');
    const url = await urlOf(grid, freshVoice());
    const { wish } = await grid.ok('dispatch', 'proxyCreate', {
      category: 'repair', location: wishInput().location, buildingId: 'bld-x1', voice: { url, seconds: 14 },
      channel: 'door_visit', beneficiary: { name: '李桂英', phone: '07194567890' },
    });
    expect(wish).toMatchObject({ title: '维修（语音）', voice: { seconds: 14 }, status: 'pending_review' });
    expect(storedRef(wish.voice.url)).toBe(url);
    expect(wish.description).toBeUndefined();

    const elder = await server.login('elder');
    expect((await elder.ok('wishes', 'mine', {})).items.map((x: any) => x.id)).toContain(wish.id);
    const heard = (await elder.ok('wishes', 'detail', { wishId: wish.id })).wish.voice;
    expect({ ...heard, url: storedRef(heard.url) }).toEqual({ url, seconds: 14 });
    // The same audience as a resident's own: the town above reads the wish but does not hear her.
    expect(JSON.stringify(await (await server.login('town_admin')).ok('wishes', 'detail', { wishId: wish.id }))).not.toContain(url);

    const said = '卫生间的灯不亮了，想请人来换个灯泡，上午在家';
    const typed = await (await server.login('secretary')).ok('dispatch', 'transcribe', { wishId: wish.id, description: said, title: '卫生间灯泡坏了' });
    expect(typed.wish).toMatchObject({ title: '卫生间灯泡坏了', description: said, voice: { seconds: 14 } });
    expect(storedRef(typed.wish.voice.url)).toBe(url);
    const after = (await elder.ok('wishes', 'detail', { wishId: wish.id })).wish;
    expect(after).toMatchObject({ description: said, voice: { seconds: 14 } });
    expect(storedRef(after.voice.url)).toBe(url);
  });

  test('without a voice note the proxy entry asks for the words as the resident form does, and nothing is entered', async () => {
    const grid = await server.login('grid_worker');
    const before = await server.db.collection('wishes').countDocuments();
    const reply = await grid.call('dispatch', 'proxyCreate', { category: 'repair', location: wishInput().location, channel: 'phone', beneficiary: { name: '李桂英' } });
    expect(reply.body).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', details: { fields: [{ path: 'title', message: '请填写标题，或按住说话录一段语音' }, { path: 'description' }] } } });
    expect(await server.db.collection('wishes').countDocuments()).toBe(before);
  });
});
