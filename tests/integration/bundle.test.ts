import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import fs from 'node:fs';
import path from 'node:path';
import { startTestServer, type TestServer } from './harness';

const ROOT = path.resolve(__dirname, '../..');
const DIST = path.join(ROOT, 'dist', 'functions');
const FUNCTIONS = ['wishes', 'tasks', 'dispatch', 'org', 'stats', 'notify', 'cron', 'certificates', 'stories', 'points'];

let server: TestServer;
beforeAll(async () => {
  execFileSync(process.execPath, [path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), path.join(ROOT, 'scripts/build-functions.ts')], { cwd: ROOT, stdio: 'pipe' });
  server = await startTestServer();
});
afterAll(() => server?.stop());

/** Runs one bundle as WeChat would: in its own process, identity from the platform's env, connection from env. */
async function inWeChat(fn: string, event: object, openid: string): Promise<any> {
  const script = `
    const { main } = require(${JSON.stringify(path.join(DIST, fn, 'index.js'))});
    main(${JSON.stringify(event)}).then((r) => { console.log(JSON.stringify(r)); process.exit(0); }, (e) => { console.error(e); process.exit(1); });
  `;
  // Asynchronously: the embedded database answers from this very process.
  const out = await promisify(execFile)(process.execPath, ['-e', script], {
    cwd: path.join(DIST, fn),
    env: { PATH: process.env.PATH ?? '', MONGODB_URI: server.mongoUri, MONGODB_DB: server.db.databaseName, WX_CONTEXT_KEYS: 'WX_OPENID,WX_APPID', WX_OPENID: openid, WX_APPID: 'wxtest' } as unknown as NodeJS.ProcessEnv,
    encoding: 'utf8',
    timeout: 30_000,
  });
  return JSON.parse(out.stdout.trim().split('\n').at(-1)!);
}

function satisfiesMin(version: string, min: string): boolean {
  const a = version.replace(/^v/, '').split('.').map(Number);
  const b = min.split('.').map(Number);
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i] > b[i];
  return true;
}

describe('the WeChat cloud bundles in dist/functions', () => {
  test('every function has its bundle, a package.json with pinned externals and a config.json', () => {
    const root = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    for (const fn of FUNCTIONS) {
      const pkg = JSON.parse(fs.readFileSync(path.join(DIST, fn, 'package.json'), 'utf8'));
      expect(pkg.main).toBe('index.js');
      expect(pkg.dependencies.mongodb).toBe(root.dependencies.mongodb);
      for (const v of Object.values<string>(pkg.dependencies)) expect(v).toMatch(/^\d+\.\d+\.\d+$/);
      const config = JSON.parse(fs.readFileSync(path.join(DIST, fn, 'config.json'), 'utf8'));
      expect(config.permissions.openapi).toContain('subscribeMessage.send');
      // shared/ and _core are inside the bundle, not required from outside.
      const code = fs.readFileSync(path.join(DIST, fn, 'index.js'), 'utf8');
      expect(code).not.toMatch(/require\("@shared/);
      expect(code).not.toMatch(/require\("\.\.?\//);
    }
    const cron = JSON.parse(fs.readFileSync(path.join(DIST, 'cron', 'config.json'), 'utf8'));
    expect(cron.triggers).toEqual([{ name: 'tick', type: 'timer', config: '0 * * * * * *' }]);
  });

  test('the stated Node runtime is one the bundled mongodb driver supports, and this machine meets it', () => {
    const driver = JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules/mongodb/package.json'), 'utf8'));
    const driverMin = /(\d+\.\d+\.\d+)/.exec(driver.engines.node)![1];
    const pkg = JSON.parse(fs.readFileSync(path.join(DIST, 'wishes', 'package.json'), 'utf8'));
    const statedMin = /(\d+\.\d+\.\d+)/.exec(pkg.engines.node)![1];
    expect(satisfiesMin(statedMin, driverMin)).toBe(true);
    expect(pkg.xinyuan.nodeTarget).toBe(`node${statedMin.split('.').slice(0, 2).join('.')}`);
    expect(satisfiesMin(process.version, statedMin)).toBe(true);
  });

  test('a bundled function loads and answers, given identity and runtime in its context', async () => {
    const bundled = require(path.join(DIST, 'wishes', 'index.js'));
    const reply = await bundled.main({ action: 'mine', data: {} }, { identity: { kind: 'user', userId: 'u-resident' }, runtime: server.runtime });
    expect(reply.ok).toBe(true);
    expect(reply.data.items.length).toBeGreaterThan(3);
    const unknown = await bundled.main({ action: 'fly', data: {} }, { identity: { kind: 'user', userId: 'u-resident' }, runtime: server.runtime });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
  });

  test('the bundled stats function writes the Excel ledger with what it carries inside', async () => {
    const bundled = require(path.join(DIST, 'stats', 'index.js'));
    const reply = await bundled.main({ action: 'export', data: {} }, { identity: { kind: 'user', userId: 'u-secretary' }, runtime: server.runtime });
    expect(reply).toMatchObject({ ok: true, data: { mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' } });
    // A zip, as every .xlsx is.
    expect(Buffer.from(reply.data.base64, 'base64').subarray(0, 2).toString('latin1')).toBe('PK');
  });

  test('in WeChat mode a bundle takes identity from getWXContext and connection from env', async () => {
    expect(await inWeChat('notify', { action: 'inbox', data: {} }, 'oWeChatUser0001')).toEqual({ ok: true, data: { items: [], unread: 0 } });
  });

  test('in WeChat mode the org bundle answers org.me with the caller: a first-time openid gets a member-less user', async () => {
    const reply = await inWeChat('org', { action: 'me', data: {} }, 'oBundleFirstOpen01');
    expect(reply).toMatchObject({ ok: true, data: { user: { id: expect.any(String), name: '微信用户', roles: [], memberships: [] } } });
    const stored = await server.db.collection('users').findOne({ openid: 'oBundleFirstOpen01' });
    expect(stored?._id).toBe(reply.data.user.id);
  });

  test('in WeChat mode free text meets the same word list as self-hosted, before WeChat is asked, and nothing is written', async () => {
    await server.db.collection('users').updateOne({ _id: 'u-resident2' as never }, { $set: { openid: 'oBundleResident02' } });
    const before = await server.db.collection('wishes').countDocuments({});
    const wish = { category: 'other', title: '想找人一起打牌', description: '晚上有没有人一起赌博', location: { type: 'Point', coordinates: [113.9951, 31.2527] } };
    const reply = await inWeChat('wishes', { action: 'create', data: wish }, 'oBundleResident02');
    expect(reply).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', details: { fields: [{ path: 'description' }] } } });
    expect(await server.db.collection('wishes').countDocuments({})).toBe(before);
  });

  test('a WeChat timer event runs cron.tick as the platform', async () => {
    const bundled = require(path.join(DIST, 'cron', 'index.js'));
    const reply = await bundled.main({ Type: 'Timer', TriggerName: 'tick', Time: new Date().toISOString() }, { identity: { kind: 'anonymous' }, runtime: { ...server.runtime, config: { ...server.runtime.config, mode: 'wechat' } } });
    expect(reply).toMatchObject({ ok: true, data: { expired: expect.any(Number), outbox: expect.any(Object) } });
  });
});
