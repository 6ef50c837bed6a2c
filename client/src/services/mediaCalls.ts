/** The mini-program (and the tests): the album and upload calls come with the page (mediaCalls.h5.ts says why h5 differs). */
export { chooseImage, uploadFile } from './mediaApi';

/** Nothing to fetch ahead here. */
export function prefetchMediaCalls(): void {}
