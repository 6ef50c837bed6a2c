import fs from 'node:fs';
import path from 'node:path';

/**
 * Read at build time (Node). The staff sub-package is filled in by another engineer:
 * list whichever `packages/staff/pages/<name>/index.tsx` exist, so the build never
 * fails on a half-written folder and never misses a new page.
 */
function pagesUnder(root: string): string[] {
  const candidates = [path.resolve(process.cwd(), 'src', root), path.resolve(process.cwd(), 'client', 'src', root)];
  const dir = candidates.find((d) => fs.existsSync(d));
  if (!dir) return [];
  const pagesDir = path.join(dir, 'pages');
  if (!fs.existsSync(pagesDir)) return [];
  const found: string[] = [];
  const walk = (rel: string) => {
    const abs = path.join(pagesDir, rel);
    for (const entry of fs.readdirSync(abs, { withFileTypes: true })) {
      if (!entry.isDirectory()) continue;
      const child = rel ? `${rel}/${entry.name}` : entry.name;
      if (fs.existsSync(path.join(pagesDir, child, 'index.tsx'))) found.push(`pages/${child}/index`);
      walk(child);
    }
  };
  walk('');
  // The staff home first, so navigating to the sub-package root lands somewhere sensible.
  return found.sort((a, b) => (a === 'pages/index/index' ? -1 : b === 'pages/index/index' ? 1 : a.localeCompare(b)));
}

const staffPages = pagesUnder('packages/staff');

export default defineAppConfig({
  // Main package: entry, login and the resident's screens (the most used, kept small).
  pages: [
    'pages/index/index',
    'pages/login/index',
    'pages/home/index',
    'pages/post/index',
    'pages/wish/index',
    'pages/wall/index',
    'pages/inbox/index',
    'pages/me/index',
  ],
  subPackages: [
    {
      root: 'packages/helper',
      pages: ['pages/hall/index', 'pages/task/index', 'pages/mine/index', 'pages/hours/index', 'pages/unit/index'],
    },
    ...(staffPages.length > 0 ? [{ root: 'packages/staff', pages: staffPages }] : []),
  ],
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#c8161d',
    navigationBarTitleText: '心愿',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f5f5f5',
  },
  permission: {
    'scope.userLocation': { desc: '用于查找您附近的心愿，以及为心愿标注服务地点' },
  },
  requiredPrivateInfos: ['getLocation', 'chooseLocation'],
  lazyCodeLoading: 'requiredComponents',
});
