import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { Binary, ObjectId } from 'mongodb';
import { PhotoRef } from '@shared/schemas/primitives';
import { storedRef } from '@shared/vocab/photoRefs';
import { awayFromWindowEdge, startTestServer, wishInput, type TestServer } from './harness';

// A 1×1 PNG, as a phone would never send but every decoder accepts.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
const LIMIT = 64 * 1024;

let server: TestServer;
let root: string;
/** A photo an earlier version kept on disk (UPLOAD_DIR), moved into the database at start. */
const LEGACY = Buffer.concat([PNG, Buffer.from('旧版本存在磁盘上的照片')]);
const LEGACY_NAME = `${createHash('sha256').update(LEGACY).digest('hex')}.png`;
beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'xinyuan-upload-test-'));
  const uploadDir = path.join(root, 'uploads');
  fs.mkdirSync(uploadDir);
  fs.writeFileSync(path.join(uploadDir, LEGACY_NAME), LEGACY);
  server = await startTestServer({ config: { uploadDir, uploadLimitBytes: LIMIT } as never });
  await (await server.login('secretary')).ok('org', 'updateSettings', { settings: { postsPerDay: 50 } });
});
afterAll(async () => {
  await server?.stop();
  fs.rmSync(root, { recursive: true, force: true });
});

async function upload(bytes: Buffer, opts: { token?: string; filename?: string; type?: string } = {}) {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(bytes)], { type: opts.type ?? 'image/png' }), opts.filename ?? 'photo.png');
  const res = await fetch(`${server.url}/api/upload`, {
    method: 'POST',
    body: form,
    headers: opts.token ? { authorization: `Bearer ${opts.token}` } : {},
  });
  return { status: res.status, body: (await res.json()) as any };
}

/** The names of the photos in the database (GridFS `photos.files`). */
const storedFiles = async () => (await server.db.collection('photos.files').find({}, { projection: { _id: 1 } }).toArray()).map((f) => String(f._id)).sort();

/** A raw GET, so the path reaches the server exactly as written (fetch would resolve `..`). */
function rawGet(pathname: string): Promise<{ status: number; type?: string; body: string }> {
  return new Promise((resolve, reject) => {
    const { hostname, port } = new URL(server.url);
    http
      .get({ hostname, port, path: pathname }, (res) => {
        let body = '';
        res.on('data', (c) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, type: res.headers['content-type'], body }));
      })
      .on('error', reject);
  });
}

async function claimedWish() {
  const resident = await server.login('resident');
  const secretary = await server.login('secretary');
  const volunteer = await server.login('volunteer');
  const { wish } = await resident.ok('wishes', 'create', wishInput({ title: '帮忙换灯泡' }));
  await secretary.ok('dispatch', 'approve', { wishId: wish.id });
  await volunteer.ok('tasks', 'claim', { wishId: wish.id });
  await volunteer.ok('tasks', 'start', { wishId: wish.id });
  return { wish, resident, volunteer };
}

describe('photos over HTTP', () => {
  test('a volunteer uploads a photo, completes the wish with it, and the resident sees it', async () => {
    const { wish, resident, volunteer } = await claimedWish();
    const up = await upload(PNG, { token: volunteer.token, filename: '../../etc/passwd.png' });
    expect(up.status).toBe(200);
    expect(up.body).toEqual({ ok: true, data: { url: expect.stringMatching(/^\/files\/[0-9a-f]{64}\.png$/) } });
    const url: string = up.body.data.url;
    expect(PhotoRef.safeParse(url).success).toBe(true);
    // The client's filename is never used.
    expect(await storedFiles()).toContain(url.slice('/files/'.length));
    expect(JSON.stringify(await server.db.collection('photos.files').find().toArray())).not.toContain('passwd');

    const got = await fetch(`${server.url}${server.fileUrl(url)}`);
    expect(got.status).toBe(200);
    expect(got.headers.get('content-type')).toBe('image/png');
    expect(got.headers.get('x-content-type-options')).toBe('nosniff');
    expect(got.headers.get('cache-control')).toContain('immutable');
    expect(Buffer.from(await got.arrayBuffer()).equals(PNG)).toBe(true);
    const again = await fetch(`${server.url}${server.fileUrl(url)}`, { headers: { 'if-none-match': got.headers.get('etag')! } });
    expect(again.status).toBe(304);

    // The same photo again (a retried submit) is the same file.
    expect((await upload(PNG, { token: volunteer.token })).body.data.url).toBe(url);
    expect((await storedFiles()).filter((n) => `/files/${n}` === url)).toHaveLength(1);
    expect(await server.db.collection('photos.chunks').countDocuments({ files_id: url.slice('/files/'.length) })).toBe(1);

    const done = await volunteer.ok('tasks', 'complete', { wishId: wish.id, note: '灯泡已换好', photos: [url] });
    expect(done.wish.completion.photos.map(storedRef)).toEqual([url]);
    const detail = await resident.ok('wishes', 'detail', { wishId: wish.id });
    expect(detail.wish.completion).toMatchObject({ note: '灯泡已换好' });
    expect(detail.wish.completion.photos.map(storedRef)).toEqual([url]);
    expect((await fetch(`${server.url}${detail.wish.completion.photos[0]}`)).status).toBe(200);
  });

  test('range requests: a part of the photo with 206 and Content-Range, a range past the end is 416, If-Range with another validator gets the whole', async () => {
    const volunteer = await server.login('volunteer');
    const big = Buffer.concat([PNG, Buffer.from(Array.from({ length: 40_000 }, (_, i) => i % 251))]);
    const url: string = (await upload(big, { token: volunteer.token })).body.data.url;
    const get = (headers: Record<string, string>) => fetch(`${server.url}${server.fileUrl(url)}`, { headers });
    const whole = await get({});
    expect(whole.headers.get('accept-ranges')).toBe('bytes');
    expect(whole.headers.get('last-modified')).toBeTruthy();
    const etag = whole.headers.get('etag')!;

    const part = await get({ range: 'bytes=100-20099' });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 100-20099/${big.length}`);
    expect(part.headers.get('cache-control')).toContain('immutable');
    expect(Buffer.from(await part.arrayBuffer()).equals(big.subarray(100, 20100))).toBe(true);

    const tail = await get({ range: 'bytes=-10' });
    expect(tail.status).toBe(206);
    expect(Buffer.from(await tail.arrayBuffer()).equals(big.subarray(big.length - 10))).toBe(true);
    const open = await get({ range: `bytes=${big.length - 5}-` });
    expect(Buffer.from(await open.arrayBuffer()).equals(big.subarray(big.length - 5))).toBe(true);

    const beyond = await get({ range: `bytes=${big.length}-` });
    expect(beyond.status).toBe(416);
    expect(beyond.headers.get('content-range')).toBe(`bytes */${big.length}`);

    expect((await get({ range: 'bytes=0-9', 'if-range': etag })).status).toBe(206);
    const stale = await get({ range: 'bytes=0-9', 'if-range': '"something-else"' });
    expect(stale.status).toBe(200);
    expect(Buffer.from(await stale.arrayBuffer()).equals(big)).toBe(true);
    // Several ranges at once are not served in parts: the whole photo.
    expect((await get({ range: 'bytes=0-1,5-9' })).status).toBe(200);
  });

  test('a photo an earlier version kept on disk is moved into the database at start and served', async () => {
    expect(await storedFiles()).toContain(LEGACY_NAME);
    const got = await fetch(`${server.url}${server.fileUrl(`/files/${LEGACY_NAME}`)}`);
    expect(got.status).toBe(200);
    expect(Buffer.from(await got.arrayBuffer()).equals(LEGACY)).toBe(true);
  });

  test('JPEG and WebP are told apart by their bytes, not by the name or declared type', async () => {
    const volunteer = await server.login('volunteer');
    const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(32, 1)]);
    const webp = Buffer.concat([Buffer.from('RIFF'), Buffer.from([40, 0, 0, 0]), Buffer.from('WEBPVP8 '), Buffer.alloc(28, 2)]);
    const j = await upload(jpeg, { token: volunteer.token, filename: 'a.png', type: 'image/png' });
    expect(j.body.data.url).toMatch(/\.jpg$/);
    expect((await fetch(`${server.url}${server.fileUrl(j.body.data.url)}`)).headers.get('content-type')).toBe('image/jpeg');
    const w = await upload(webp, { token: volunteer.token, filename: 'b.jpg', type: 'image/jpeg' });
    expect(w.body.data.url).toMatch(/\.webp$/);
    expect((await fetch(`${server.url}${server.fileUrl(w.body.data.url)}`)).headers.get('content-type')).toBe('image/webp');
  });

  test('malformed multipart is a 400 naming the file, not a 500 (issue 11, L4)', async () => {
    const volunteer = await server.login('volunteer');
    const before = await storedFiles();
    const post = (contentType: string, body: string) =>
      fetch(`${server.url}/api/upload`, { method: 'POST', headers: { authorization: `Bearer ${volunteer.token}`, 'content-type': contentType }, body });
    const bodies: [string, string][] = [
      ['multipart/form-data', '--x\r\nContent-Disposition: form-data; name="file"\r\n\r\nabc'],
      ['multipart/form-data; boundary=xyz', '--xyz\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\nContent-Type: image/png\r\n\r\n\x89PNG'],
      ['multipart/form-data; boundary=xyz', 'garbage with no boundary at all'],
    ];
    for (const [type, body] of bodies) {
      const res = await post(type, body);
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', details: { fields: [{ path: 'file' }] } } });
    }
    expect(await storedFiles()).toEqual(before);
  });

  test('refusals: no token, not an image, too large, not multipart; nothing is written and the server keeps serving', async () => {
    const volunteer = await server.login('volunteer');
    const before = await storedFiles();

    const anonymous = await upload(PNG);
    expect(anonymous.status).toBe(401);
    expect(anonymous.body).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    const forged = await upload(PNG, { token: 'not-a-token' });
    expect(forged.status).toBe(401);

    const text = await upload(Buffer.from('<script>alert(1)</script> 这不是照片'), { token: volunteer.token, filename: 'photo.jpg', type: 'image/jpeg' });
    expect(text.status).toBe(400);
    expect(text.body).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', details: { fields: [{ path: 'file' }] } } });

    const huge = await upload(Buffer.concat([PNG, Buffer.alloc(LIMIT + 1024)]), { token: volunteer.token });
    expect(huge.status).toBe(413);
    expect(huge.body).toMatchObject({ ok: false, error: { code: 'PAYLOAD_TOO_LARGE', message: expect.stringContaining('照片不能超过') } });
    // Far past the cap: refused from the declared length, the body never parsed.
    const enormous = await upload(Buffer.concat([PNG, Buffer.alloc(LIMIT * 20)]), { token: volunteer.token });
    expect(enormous.status).toBe(413);
    expect(enormous.body).toMatchObject({ ok: false, error: { code: 'PAYLOAD_TOO_LARGE' } });

    const json = await fetch(`${server.url}/api/upload`, {
      method: 'POST',
      headers: { authorization: `Bearer ${volunteer.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ file: PNG.toString('base64') }),
    });
    expect(json.status).toBe(400);
    expect(await json.json()).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });

    const empty = new FormData();
    empty.append('note', 'no file here');
    const noFile = await fetch(`${server.url}/api/upload`, { method: 'POST', body: empty, headers: { authorization: `Bearer ${volunteer.token}` } });
    expect(noFile.status).toBe(400);

    expect(await storedFiles()).toEqual(before);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    expect((await upload(PNG, { token: volunteer.token })).status).toBe(200);
  });

  test('only stored names are served: traversal and unknown names are 404 envelopes, a name nobody stored even signed', async () => {
    fs.writeFileSync(path.join(root, 'secret.txt'), 'top secret');
    for (const p of [
      '/files/../secret.txt',
      '/files/..%2Fsecret.txt',
      '/files/%2e%2e/secret.txt',
      '/files/../../server/config.ts',
      server.fileUrl('/files/' + 'a'.repeat(64) + '.png'),
      '/files/' + 'A'.repeat(64) + '.png',
      '/files/' + 'a'.repeat(64) + '.svg',
      '/files/',
    ]) {
      const r = await rawGet(p);
      expect({ p, status: r.status }).toEqual({ p, status: 404 });
      expect(r.body).not.toContain('top secret');
      expect(JSON.parse(r.body)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    }
  });

  test('uploads have a budget of their own per person', async () => {
    const limited = await startTestServer({ config: { rateLimitPerMinute: 3 } as never, seed: true });
    try {
      const { data } = await (await fetch(`${limited.url}/api/auth/dev-login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"as":"volunteer"}' })).json() as any;
      const statuses: number[] = [];
      // Budgets are counted in fixed minutes: five uploads across a minute's edge would meet two budgets.
      await awayFromWindowEdge();
      for (let i = 0; i < 5; i++) {
        const form = new FormData();
        form.append('file', new Blob([new Uint8Array(PNG)]), 'p.png');
        const res = await fetch(`${limited.url}/api/upload`, { method: 'POST', body: form, headers: { authorization: `Bearer ${data.token}` } });
        statuses.push(res.status);
        if (res.status === 429) expect(await res.json()).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
      }
      expect(statuses).toEqual([200, 200, 200, 429, 429]);
    } finally {
      await limited.stop();
    }
  });
});

describe('photos nobody used', () => {
  /** A distinct photo each time (the sniffer reads only the signature). */
  const photo = (n: number) => Buffer.concat([PNG, Buffer.from(`照片 ${n}`)]);
  const nameOf = (url: string) => url.slice('/files/'.length);
  /** Backdates a file as if it had been uploaded `hours` before the server's now. */
  const hoursAgo = (hours: number) => new Date(server.clock.now().getTime() - hours * 3_600_000);
  const age = (name: string, hours: number) => server.db.collection('photos.files').updateOne({ _id: name as never }, { $set: { 'metadata.lastUploadAt': hoursAgo(hours) } });

  test('a day after upload, photos no wish shows are deleted; photos on a report, fresh ones and re-sent ones stay', async () => {
    const { wish, resident, volunteer } = await claimedWish();
    const upload1 = async (n: number) => nameOf((await upload(photo(n), { token: volunteer.token })).body.data.url);
    const [onProgress, onReport, abandoned, fresh, resent] = [await upload1(101), await upload1(102), await upload1(103), await upload1(104), await upload1(105)];
    await volunteer.ok('tasks', 'progress', { wishId: wish.id, note: '已买好灯泡', photos: [`/files/${onProgress}`] });
    await volunteer.ok('tasks', 'complete', { wishId: wish.id, note: '灯泡已换好', photos: [`/files/${onReport}`] });
    for (const name of [onProgress, onReport, abandoned, resent]) await age(name, 25);
    await age(fresh, 23);
    // The volunteer's phone sends the same photo again (a retried report): it starts its day over.
    await upload1(105);
    // A crash mid-upload leaves chunks without a file; one written a moment ago is an upload in flight.
    const chunks = server.db.collection('photos.chunks');
    const chunk = (id: ObjectId, n: number) => ({ _id: id, files_id: `${'c'.repeat(64)}.png`, n, data: new Binary(Buffer.from('half a photo')) });
    await chunks.insertOne(chunk(ObjectId.createFromTime(Math.floor(hoursAgo(25).getTime() / 1000)), 0) as never);
    await chunks.insertOne(chunk(ObjectId.createFromTime(Math.floor(hoursAgo(0).getTime() / 1000)), 1) as never);

    const result = await server.sweepPhotos();
    expect(result.removed).toBe(1);
    const left = await storedFiles();
    expect(left).not.toContain(abandoned);
    expect(left).toEqual(expect.arrayContaining([onProgress, onReport, fresh, resent]));
    expect(await chunks.find({ files_id: `${'c'.repeat(64)}.png` }).map((c) => c.n).toArray()).toEqual([1]);
    expect(await chunks.countDocuments({ files_id: abandoned })).toBe(0);
    expect((await rawGet(server.fileUrl(`/files/${abandoned}`))).status).toBe(404);

    // What the resident is shown still loads.
    const detail = await resident.ok('wishes', 'detail', { wishId: wish.id });
    for (const url of [...detail.wish.completion.photos, ...detail.events.flatMap((e: { photos?: string[] }) => e.photos ?? [])]) {
      expect((await fetch(`${server.url}${url}`)).status).toBe(200);
    }
    // Nothing more to do the second time.
    expect((await server.sweepPhotos()).removed).toBe(0);
  });
});
