/**
 * What the proxy form checks a draft against: zod and the dispatch schemas. On h5 they are a chunk of their own,
 * fetched when the grid worker starts on the form (proxyForm.ts `proxyChecks`), not with the page: zod and building
 * the schemas were the largest part of 代录心愿's own start (npm run bench -- h5profile).
 */
export { ProxyCreateInput } from '@shared/actions/dispatch';
export { fieldErrorsOf } from '@shared/validation/parseInput';
