/** A weapp build must name where its calls go (issue 16 #18): WeChat refuses the relative URLs an empty API base makes. */
import { MISSING_TARGET, weappTarget } from '../../client/config/target';

test('neither a server nor a cloud environment: the build stops, naming both variables', () => {
  expect(() => weappTarget({})).toThrow(MISSING_TARGET);
  expect(() => weappTarget({ TARO_APP_API_BASE: ' ', TARO_APP_CLOUD_ENV: '' })).toThrow(/TARO_APP_API_BASE[\s\S]*TARO_APP_CLOUD_ENV/);
});

test('a relative or schemeless API base is refused: it would be a relative URL again', () => {
  expect(() => weappTarget({ TARO_APP_API_BASE: '/api' })).toThrow(/absolute address/);
  expect(() => weappTarget({ TARO_APP_API_BASE: 'xinyuan.example.org' })).toThrow(/absolute address/);
});

test('either one is enough; a trailing slash is dropped so calls are {base}/api/fn/…', () => {
  expect(weappTarget({ TARO_APP_API_BASE: 'https://xinyuan.example.org/' })).toEqual({ apiBase: 'https://xinyuan.example.org', cloudEnv: '' });
  expect(weappTarget({ TARO_APP_CLOUD_ENV: 'cloud1-1a2b3c' })).toEqual({ apiBase: '', cloudEnv: 'cloud1-1a2b3c' });
});
