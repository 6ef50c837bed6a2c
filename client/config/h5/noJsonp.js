// What `jsonp-retry` is in the h5 build (client/config/index.ts says why): Taro.request's `jsonp` option, which the
// app never passes (its one transport is services/api.ts, JSON over POST). Should it ever be passed, the request fails
// saying so instead of silently doing something else.
export default function jsonpRetry() {
  return Promise.reject(new Error('Taro.request: jsonp is not part of this build (client/config/h5/noJsonp.js)'));
}
