// What `whatwg-fetch` is in the h5 build (client/config/index.ts says why): nothing. Every browser the h5 app
// runs in (Chrome 57 / iOS 11, client/babel.config.js) has fetch, and the polyfill only stands in where it is missing.
export {};
