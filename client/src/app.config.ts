// A relative import: Taro evaluates this file on its own, outside the bundler's @shared alias.
import { MainPages, SubPackages } from '../../shared/routes';

/**
 * Pages and sub-packages come from the one route table in shared/routes.ts, which the
 * server's notification links and the client's navigation also use: a page named anywhere
 * is a page listed here (tests/unit/routes.test.ts checks both ways).
 */
export default defineAppConfig({
  pages: [...MainPages],
  subPackages: SubPackages.map((p) => ({ root: p.root, pages: [...p.pages] })),
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
