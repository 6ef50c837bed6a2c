import type { PagePath } from './routes';
import type { Role } from './vocab/roles';

/**
 * Who a page is for: the role a person opens it in during a normal day, or null for a page opened
 * signed out (a shared story, a certificate's check). A package's pages are its users' unless named
 * below, so a new page has a user from the moment it is in the table. The compiled mini-program is
 * walked page by page as these people (tests/weapp/pages.test.ts).
 */
const PackageUsers: Record<string, Role> = { 'packages/helper': 'volunteer', 'packages/staff': 'secretary' };
const PageUsers: Partial<Record<PagePath, Role | null>> = {
  'pages/index/index': null,
  'pages/login/index': null,
  'pages/verify/index': null,
  'pages/story/index': null,
  'packages/helper/pages/unit/index': 'unit_admin',
  // Proxy entry is the grid worker's door-to-door work (the secretary may too).
  'packages/staff/pages/proxy/index': 'grid_worker',
};

export function userOf(page: PagePath): Role | null {
  if (page in PageUsers) return PageUsers[page] ?? null;
  return PackageUsers[page.split('/pages/')[0]] ?? 'resident';
}
