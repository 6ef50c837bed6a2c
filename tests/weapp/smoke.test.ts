import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { findNode, findWhere, loadWeapp, textOf } from './shim';

const root = path.join(__dirname, '..', '..');
const dist = path.join(root, 'dist', 'weapp');

beforeAll(() => {
  if (fs.existsSync(path.join(dist, 'app.json'))) return;
  const run = spawnSync('npm', ['run', 'build:weapp'], { cwd: root, stdio: 'inherit' });
  if (run.status !== 0) throw new Error('npm run build:weapp failed');
});

const settle = () => new Promise((r) => setTimeout(r, 300));

describe('the compiled mini-program', () => {
  it('declares location privacy and keeps helper and staff screens in sub-packages', () => {
    const app = JSON.parse(fs.readFileSync(path.join(dist, 'app.json'), 'utf8'));
    expect(app.requiredPrivateInfos).toEqual(expect.arrayContaining(['getLocation', 'chooseLocation']));
    expect(app.permission['scope.userLocation'].desc).toBeTruthy();
    expect(app.subPackages.map((p: { root: string }) => p.root)).toEqual(expect.arrayContaining(['packages/helper']));
    for (const page of app.pages) expect(fs.existsSync(path.join(dist, `${page}.wxml`))).toBe(true);
  });

  it('boots, renders the posting form, and reacts to taps', async () => {
    const mp = loadWeapp(dist);
    expect(mp.app()).toBeTruthy();
    mp.storage.set('xy.token', 'smoke');
    mp.storage.set('xy.session', { user: { id: 'u1', name: '张阿姨', memberships: [{ communityId: 'c1', roles: ['resident'] }] }, activeRole: 'resident' });

    const page = mp.open('pages/post/index');
    await settle();
    const tree = (page.data as { root?: unknown }).root;
    const text = textOf(tree);
    expect(text).toContain('需要什么帮助');
    expect(text).toContain('就医出行');
    expect(text).toContain('提交心愿');

    // Tap submit on the empty form: the inline errors appear, nothing is sent.
    const submit = findNode(tree, '提交心愿');
    expect(submit).toBeTruthy();
    page.options.eh.call(page, { type: 'tap', currentTarget: { id: submit.sid, dataset: {} }, target: { id: submit.sid, dataset: {} }, detail: {} });
    await settle();
    expect(textOf((page.data as { root?: unknown }).root)).toContain('请选择心愿类别');

    // Tap a category: its error goes away.
    const category = findWhere((page.data as { root?: unknown }).root, (n) => n.role === 'radio' && textOf(n).includes('就医出行'));
    page.options.eh.call(page, { type: 'tap', currentTarget: { id: category.sid, dataset: {} }, target: { id: category.sid, dataset: {} }, detail: {} });
    await settle();
    expect(textOf((page.data as { root?: unknown }).root)).not.toContain('请选择心愿类别');
    expect(mp.requests.filter((r) => r.url.includes('wishes'))).toHaveLength(0);
  });
});
