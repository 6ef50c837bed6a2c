import vm from 'node:vm';
import { pagePathOf, pagePreloadScript } from '../../client/config/preload';

const byPage = {
  'pages/index/index': ['js/101.aa.js'],
  'pages/home/index': ['js/7239.bb.js', 'css/7239.bb.css'],
  'packages/helper/pages/hall/index': ['js/2104.cc.js', 'js/5964.dd.js', 'css/2104.cc.css'],
};

/** What index.html's inline script asks the browser for when the page is opened at `hash`. */
function preloadsAt(hash: string): { rel: string; as: string; href: string }[] {
  const added: { rel: string; as: string; href: string }[] = [];
  const document = {
    createElement: () => ({ rel: '', as: '', href: '' }),
    head: { appendChild: (l: { rel: string; as: string; href: string }) => added.push({ ...l }) },
  };
  vm.runInNewContext(pagePreloadScript(byPage, '/'), { location: { hash }, document });
  return added;
}

describe('index.html asks for the opened page’s files alongside the app’s entry', () => {
  test('a resident opening 我的心愿 preloads its script and its styles, each as what it is', () => {
    expect(preloadsAt('#/pages/home/index')).toEqual([
      { rel: 'preload', as: 'script', href: '/js/7239.bb.js' },
      { rel: 'preload', as: 'style', href: '/css/7239.bb.css' },
    ]);
  });

  test('a sub-package page with a query (a link from a notice) preloads that page’s files', () => {
    expect(preloadsAt('#/packages/helper/pages/hall/index?category=errand').map((l) => l.href)).toEqual(['/js/2104.cc.js', '/js/5964.dd.js', '/css/2104.cc.css']);
  });

  test('an address naming no page of the app preloads nothing more: the bare address, or a page that does not exist', () => {
    expect(preloadsAt('')).toEqual([]);
    expect(preloadsAt('#/')).toEqual([]);
    expect(preloadsAt('#/pages/nowhere/index')).toEqual([]);
  });

  test('a chunk group’s origin names its page as the router does, and other origins name none', () => {
    expect(pagePathOf('./pages/home/index')).toBe('pages/home/index');
    expect(pagePathOf('./packages/staff/pages/map/index.tsx')).toBe('packages/staff/pages/map/index');
    expect(pagePathOf('packages/helper/pages/hall/index')).toBe('packages/helper/pages/hall/index');
    expect(pagePathOf('./services/previewImage')).toBeUndefined();
    expect(pagePathOf(undefined)).toBeUndefined();
  });
});
