/**
 * What the post form checks a draft against and sends with: zod and the shared wish schemas. On h5 they are a chunk
 * of their own, fetched when the person starts on the form (lazyChecks.ts), not with the page: zod and building the
 * schemas were the largest part of the post page's start (npm run bench -- h5profile).
 */
export { CreateWishInput, ResubmitWishInput, UpdateWishInput } from '@shared/actions/wishes';
export { fieldErrorsOf } from '@shared/validation/parseInput';
