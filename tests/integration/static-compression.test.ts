import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { compressedVariants } from '../../client/config/precompress';
import { startTestServer, type TestServer } from './harness';

// An h5 build in miniature: the same file names and the same brotli/gzip copies the real build writes.
const appJs = `${'export function wish(title){return {title,status:"pending_review"}}\n'.repeat(200)}`;
const indexHtml = `<!doctype html><html lang="zh-CN"><head><title>心愿</title><script defer src="/js/app.1a2b3c4d.js"></script></head><body><div id="app"></div>${'<!-- 三单 -->'.repeat(60)}</body></html>`;
const files: Record<string, string> = { 'index.html': indexHtml, 'js/app.1a2b3c4d.js': appJs, 'js/tiny.5e6f7a8b.js': 'console.log(1)' };

let server: TestServer;
let h5Dir: string;
beforeAll(async () => {
  h5Dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xinyuan-h5-gz-'));
  fs.mkdirSync(path.join(h5Dir, 'js'));
  for (const [name, text] of Object.entries(files)) {
    fs.writeFileSync(path.join(h5Dir, name), text);
    for (const v of compressedVariants(name, Buffer.from(text))) fs.writeFileSync(path.join(h5Dir, v.name), v.data);
  }
  server = await startTestServer({ config: { h5Dir } as never });
});
afterAll(async () => {
  await server?.stop();
  fs.rmSync(h5Dir, { recursive: true, force: true });
});

/** A GET as a browser sends it, the body as it came over the wire (fetch would decompress it unseen). */
function get(url: string, acceptEncoding?: string): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http.get(url, { headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
}

describe('the h5 app goes over the wire compressed', () => {
  test('a browser that accepts brotli gets the script in brotli, a fraction of its size, and the same script once decoded', async () => {
    const r = await get(`${server.url}/js/app.1a2b3c4d.js`, 'gzip, deflate, br');
    expect(r.status).toBe(200);
    expect(r.headers['content-encoding']).toBe('br');
    expect(r.headers['content-type']).toMatch(/javascript/);
    expect(r.headers.vary).toMatch(/accept-encoding/i);
    expect(r.body.length).toBeLessThan(appJs.length / 5);
    expect(zlib.brotliDecompressSync(r.body).toString()).toBe(appJs);
  });

  test('one that accepts only gzip gets gzip; one that accepts neither gets the file as it is', async () => {
    const gz = await get(`${server.url}/js/app.1a2b3c4d.js`, 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gz.body).toString()).toBe(appJs);

    const plain = await get(`${server.url}/js/app.1a2b3c4d.js`);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(appJs);
  });

  test('the page itself (/) is compressed too, and is asked for again on each visit while the hashed scripts are kept', async () => {
    const page = await get(`${server.url}/`, 'br');
    expect(page.headers['content-encoding']).toBe('br');
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(zlib.brotliDecompressSync(page.body).toString()).toBe(indexHtml);
    expect(page.headers['cache-control']).toBe('no-cache');

    const script = await get(`${server.url}/js/app.1a2b3c4d.js`, 'br');
    expect(script.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  test('a file too small to gain from compression has no compressed copy and is sent as it is', async () => {
    expect(compressedVariants('js/tiny.5e6f7a8b.js', Buffer.from(files['js/tiny.5e6f7a8b.js']))).toEqual([]);
    const r = await get(`${server.url}/js/tiny.5e6f7a8b.js`, 'br, gzip');
    expect(r.status).toBe(200);
    expect(r.headers['content-encoding']).toBeUndefined();
    expect(r.body.toString()).toBe('console.log(1)');
  });
});
