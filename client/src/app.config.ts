/**
 * The staff sub-package is filled in by another engineer: config/index.ts lists whichever
 * `packages/staff/pages/<name>/index.tsx` exist at build time (STAFF_PAGES), so the build
 * never fails on a half-written folder and never misses a new page.
 */
const staffPages: string[] = typeof STAFF_PAGES !== 'undefined' ? STAFF_PAGES : [];

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
    'pages/join/index',
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
