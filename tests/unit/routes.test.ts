import fs from 'node:fs';
import path from 'node:path';
import { ActionSchemas, type FunctionName } from '@shared/actions';
import { ActionWrites, isWriteAction } from '@shared/actions/writes';
import { NotificationTemplateKeys } from '@shared/notify/templates';
import { AllPages, MainPages, NoticeLinks, Pages, SubPackages, noticeLink, pageOf, taskPage, wishPage } from '@shared/routes';

const root = path.join(__dirname, '..', '..');
const src = path.join(root, 'client', 'src');

type AppConfig = { pages: string[]; subPackages: { root: string; pages: string[] }[] };

/** client/src/app.config.ts as Taro reads it (defineAppConfig is Taro's identity global). */
function appConfig(): AppConfig {
  (globalThis as { defineAppConfig?: (c: unknown) => unknown }).defineAppConfig = (c) => c;
  return (require('../../client/src/app.config') as { default: AppConfig }).default;
}

function pagesOf(config: AppConfig): string[] {
  return [...config.pages, ...config.subPackages.flatMap((p) => p.pages.map((page) => `${p.root}/${page}`))];
}

function filesUnder(dir: string, ext: RegExp): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : filesUnder(full, ext);
    return ext.test(e.name) ? [full] : [];
  });
}

const known = new Set<string>(AllPages);

describe('the route table (shared/routes.ts)', () => {
  it('is what app.config.ts declares, both ways, main package first', () => {
    const config = appConfig();
    expect(config.pages).toEqual([...MainPages]);
    expect(config.subPackages.map((p) => p.root)).toEqual(SubPackages.map((p) => p.root));
    expect(new Set(pagesOf(config))).toEqual(known);
    expect(pagesOf(config)).toHaveLength(AllPages.length);
  });

  it('names only pages that have a screen and its config in client/src', () => {
    for (const page of AllPages) {
      expect([page, fs.existsSync(path.join(src, `${page}.tsx`)), fs.existsSync(path.join(src, `${page}.config.ts`))]).toEqual([page, true, true]);
    }
  });

  it('has a page for every screen in client/src (none left out of the app)', () => {
    const screens = filesUnder(src, /^index\.tsx$/)
      .map((f) => path.relative(src, f).split(path.sep).join('/').replace(/\.tsx$/, ''))
      .filter((p) => /(^|\/)pages\/[^/]+\/index$/.test(p));
    expect(screens.filter((p) => !known.has(p))).toEqual([]);
  });

  it('opens a known page from every notification, with or without a wish', () => {
    for (const template of NotificationTemplateKeys) {
      for (const wishId of ['w-1', undefined]) expect([template, known.has(pageOf(noticeLink(template, wishId)))]).toEqual([template, true]);
    }
    expect(Object.keys(NoticeLinks).sort()).toEqual([...NotificationTemplateKeys].sort());
    expect(noticeLink('wish_approved', 'w1')).toBe('pages/wish/index?id=w1');
    expect(noticeLink('nearby_wish', 'w1')).toBe('packages/helper/pages/task/index?id=w1');
    expect(noticeLink('new_pending_wish', 'w1')).toBe(Pages.review);
  });

  it('builds links with their parameters encoded', () => {
    expect(wishPage('a b&c')).toBe('pages/wish/index?id=a%20b%26c');
    expect(pageOf(`/${taskPage('w1')}`)).toBe('packages/helper/pages/task/index');
  });

  it('is the only place a page path is written: every literal path in the client and the functions is a known page', () => {
    const literal = /['"`]\/?((?:pages|packages)\/[A-Za-z0-9_/.-]*[A-Za-z0-9_])(?=[?'"`$])/g;
    const files = [...filesUnder(src, /\.(ts|tsx)$/), ...filesUnder(path.join(root, 'cloudfunctions'), /\.ts$/)];
    const named: string[] = [];
    for (const file of files) for (const m of fs.readFileSync(file, 'utf8').matchAll(literal)) named.push(`${path.relative(root, file)}: ${m[1]}`);
    expect(named.filter((n) => !known.has(n.split(': ')[1]))).toEqual([]);
  });
});

describe('ActionWrites (shared/actions/writes.ts)', () => {
  it('marks every action of ActionSchemas, and nothing else', () => {
    for (const fn of Object.keys(ActionSchemas) as FunctionName[]) expect([fn, Object.keys(ActionWrites[fn]).sort()]).toEqual([fn, Object.keys(ActionSchemas[fn]).sort()]);
    expect(Object.keys(ActionWrites).sort()).toEqual(Object.keys(ActionSchemas).sort());
  });

  it('reads carry no requestId; a lookup of an unknown action is a read', () => {
    expect(isWriteAction('tasks', 'claim')).toBe(true);
    expect(isWriteAction('wishes', 'detail')).toBe(false);
    expect(isWriteAction('org', 'listInvites')).toBe(false);
    expect(isWriteAction('wishes', 'nope')).toBe(false);
    expect(isWriteAction('__proto__', 'constructor')).toBe(false);
  });
});
