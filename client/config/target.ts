/**
 * Where a mini-program build sends its calls. WeChat refuses a relative URL (`request:fail invalid
 * url`), so a weapp build that names neither a server nor a cloud environment would compile into an
 * app that reaches nothing: it fails here instead, saying how to set each.
 */
export interface WeappTarget {
  apiBase: string;
  cloudEnv: string;
}

type Env = Record<string, string | undefined>;

export const MISSING_TARGET = [
  'A mini-program build needs a server to call, and none is set:',
  '  TARO_APP_API_BASE   the HTTPS address of a self-hosted server, e.g. TARO_APP_API_BASE=https://xinyuan.example.org npm run build:weapp',
  '  TARO_APP_CLOUD_ENV  a WeChat cloud environment id, e.g. TARO_APP_CLOUD_ENV=cloud1-1a2b3c npm run build:weapp',
  'Set one of them (see "Building for WeChat" in the README). Against a local `npm start`: npm run build:weapp:local.',
].join('\n');

/** The build's target from the environment; throws, naming both variables, when neither is usable. */
export function weappTarget(env: Env): WeappTarget {
  const apiBase = (env.TARO_APP_API_BASE ?? '').trim().replace(/\/+$/, '');
  const cloudEnv = (env.TARO_APP_CLOUD_ENV ?? '').trim();
  if (apiBase === '' && cloudEnv === '') throw new Error(MISSING_TARGET);
  if (apiBase !== '' && !/^https?:\/\/[^/\s]+/.test(apiBase)) {
    throw new Error(`TARO_APP_API_BASE must be an absolute address such as https://xinyuan.example.org (got "${apiBase}"): WeChat refuses relative URLs.\n${MISSING_TARGET}`);
  }
  return { apiBase, cloudEnv };
}
