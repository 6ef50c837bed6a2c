import path from 'node:path';
import { ConfigError, loadConfig } from '../../server/config';

type Env = Record<string, string | undefined>;

const SECRET = 'k'.repeat(40);
/** A production environment that starts. */
const PRODUCTION: Env = {
  NODE_ENV: 'production',
  MONGODB_URI: 'mongodb://app:pw@db1:27017,db2:27017,db3/xinyuan?replicaSet=rs0',
  TOKEN_SECRET: SECRET,
  WECHAT_APPID: 'wx-app',
  WECHAT_SECRET: 'wx-secret',
};

function failure(env: Env): ConfigError {
  try {
    loadConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return err as ConfigError;
  }
  throw new Error(`accepted: ${JSON.stringify(env)}`);
}

describe('server config', () => {
  it('has defaults for everything outside production', () => {
    const { tokenSecret, ...config } = loadConfig({});
    expect(config).toEqual({
      production: false,
      mode: 'local',
      port: 3000,
      // The demo listens on loopback unless told otherwise (issue 11, L1).
      host: '127.0.0.1',
      mongoUri: undefined,
      mongoDb: undefined,
      dbPath: path.join('.data', 'db'),
      tokenTtlHours: 168,
      // Access tokens last 15 minutes; the refresh token renews them for the sign-in's week (issue 11, L6).
      accessTokenTtlSeconds: 900,
      wechat: { appId: undefined, secret: undefined, apiBase: 'https://api.weixin.qq.com' },
      bodyLimitBytes: 256 * 1024,
      uploadDir: undefined,
      uploadLimitBytes: 5 * 1024 * 1024,
      voiceLimitBytes: 2 * 1024 * 1024,
      rateLimitPerMinute: 600,
      // A stalled database is answered 503 within the deadline, not queued behind (issue 11).
      requestTimeoutMs: 8_000,
      maxInFlight: 500,
      // No proxy is trusted unless the config says one is in front (issue 11, M5).
      trustProxy: false,
      behindTls: false,
      h5Dir: path.join('dist', 'h5'),
      cronIntervalMs: 60_000,
      logRequests: true,
      templateIds: {},
      miniprogramState: 'formal',
    });
    // Local mode without a secret: a fresh random one per start.
    expect(tokenSecret).toMatch(/^[0-9a-f]{64}$/);
    expect(loadConfig({}).tokenSecret).not.toBe(tokenSecret);
  });

  it('treats an empty variable as unset (as an env file copied from .env.example leaves them)', () => {
    const blank = Object.fromEntries(
      ['XINYUAN_MODE', 'PORT', 'HOST', 'MONGODB_URI', 'XINYUAN_DB_PATH', 'TOKEN_SECRET', 'FILES_SECRET', 'TOKEN_TTL_HOURS', 'ACCESS_TOKEN_TTL_SECONDS', 'WECHAT_APPID', 'WECHAT_SECRET', 'WECHAT_API_BASE',
        'WECHAT_MINIPROGRAM_STATE', 'BODY_LIMIT_BYTES', 'UPLOAD_DIR', 'UPLOAD_LIMIT_BYTES', 'RATE_LIMIT_PER_MINUTE', 'BEHIND_TLS', 'H5_DIR', 'CRON_INTERVAL_MS',
        'XINYUAN_MAP_TILES', 'XINYUAN_MAP_TILES_DATUM', 'XINYUAN_MAP_TILES_ATTRIBUTION'].map((k) => [k, '']),
    );
    const { tokenSecret, ...config } = loadConfig(blank);
    const { tokenSecret: _, ...defaults } = loadConfig({});
    expect(config).toEqual(defaults);
    expect(tokenSecret).toHaveLength(64);
  });

  it('reads every variable', () => {
    const config = loadConfig({
      XINYUAN_MODE: 'selfhosted',
      PORT: '0',
      HOST: '127.0.0.1',
      MONGODB_URI: 'mongodb+srv://u:p@cluster0.example.net/x',
      MONGODB_DB: 'xy',
      XINYUAN_DB_PATH: ':memory:',
      TOKEN_SECRET: SECRET,
      TOKEN_TTL_HOURS: '12',
      ACCESS_TOKEN_TTL_SECONDS: '300',
      WECHAT_APPID: 'wx-app',
      WECHAT_SECRET: 'wx-secret',
      WECHAT_API_BASE: 'http://127.0.0.1:4000/',
      WECHAT_MINIPROGRAM_STATE: 'trial',
      WECHAT_TEMPLATE_WISH_APPROVED: 'TPL_A',
      BODY_LIMIT_BYTES: '2048',
      UPLOAD_DIR: '/srv/photos',
      UPLOAD_LIMIT_BYTES: '1048576',
      RATE_LIMIT_PER_MINUTE: '60',
      REQUEST_TIMEOUT_MS: '2500',
      MAX_IN_FLIGHT: '64',
      BEHIND_TLS: '1',
      TRUST_PROXY: '10.0.0.0/8, 127.0.0.1',
      H5_DIR: '/srv/h5',
      CRON_INTERVAL_MS: '0',
      LOG_REQUESTS: '0',
      XINYUAN_MAP_TILES: 'https://tiles.example.cn/{z}/{x}/{y}.png',
      XINYUAN_MAP_TILES_DATUM: 'gcj02',
      XINYUAN_MAP_TILES_ATTRIBUTION: '© 示例地图',
    });
    expect(config).toEqual({
      production: false,
      mode: 'selfhosted',
      port: 0,
      host: '127.0.0.1',
      mongoUri: 'mongodb+srv://u:p@cluster0.example.net/x',
      mongoDb: 'xy',
      dbPath: ':memory:',
      tokenSecret: SECRET,
      tokenTtlHours: 12,
      accessTokenTtlSeconds: 300,
      wechat: { appId: 'wx-app', secret: 'wx-secret', apiBase: 'http://127.0.0.1:4000' },
      bodyLimitBytes: 2048,
      uploadDir: '/srv/photos',
      uploadLimitBytes: 1048576,
      voiceLimitBytes: 2 * 1024 * 1024,
      rateLimitPerMinute: 60,
      requestTimeoutMs: 2500,
      maxInFlight: 64,
      behindTls: true,
      trustProxy: '10.0.0.0/8,127.0.0.1',
      h5Dir: '/srv/h5',
      cronIntervalMs: 0,
      logRequests: false,
      templateIds: { wish_approved: 'TPL_A' },
      miniprogramState: 'trial',
      mapTiles: { layers: ['https://tiles.example.cn/{z}/{x}/{y}.png'], subdomains: 'abc', datum: 'gcj02', attribution: '© 示例地图' },
    });
  });

  it('starts in production with a database, a secret and WeChat credentials, selfhosted by default', () => {
    const config = loadConfig(PRODUCTION);
    expect(config).toMatchObject({ production: true, mode: 'selfhosted', mongoUri: PRODUCTION.MONGODB_URI, tokenSecret: SECRET });
    // A socket path, percent-encoded, is a MongoDB URI too.
    expect(loadConfig({ MONGODB_URI: 'mongodb://%2Ftmp%2Fdb.sock/?directConnection=true' }).mongoUri).toBe('mongodb://%2Ftmp%2Fdb.sock/?directConnection=true');
  });

  it.each<[string, string, Env]>([
    ['PORT', '应为 0 到 65535 之间的整数', { PORT: 'abc' }],
    ['PORT', '应为 0 到 65535 之间的整数', { PORT: '70000' }],
    ['PORT', '应为 0 到 65535 之间的整数', { PORT: '-1' }],
    ['PORT', '应为 0 到 65535 之间的整数', { PORT: '80.5' }],
    ['XINYUAN_MODE', '只能是 local、selfhosted 之一', { XINYUAN_MODE: 'prod' }],
    ['XINYUAN_MODE', '生产环境不能是 local', { ...PRODUCTION, XINYUAN_MODE: 'local' }],
    ['MONGODB_URI', '应为 MongoDB 连接串', { MONGODB_URI: 'http://db:27017' }],
    ['MONGODB_URI', '应为 MongoDB 连接串', { MONGODB_URI: 'localhost:27017' }],
    ['MONGODB_URI', '生产环境（NODE_ENV=production）必须设置', { ...PRODUCTION, MONGODB_URI: undefined }],
    ['TOKEN_SECRET', '生产环境必须设置，至少 32 个字符', { ...PRODUCTION, TOKEN_SECRET: 'short' }],
    ['TOKEN_SECRET', '生产环境必须设置，至少 32 个字符', { ...PRODUCTION, TOKEN_SECRET: undefined }],
    ['TOKEN_SECRET', 'selfhosted 模式必须设置', { XINYUAN_MODE: 'selfhosted', WECHAT_APPID: 'a', WECHAT_SECRET: 'b', TOKEN_SECRET: 'x'.repeat(31) }],
    ['FILES_SECRET', '至少 32 个字符（用于签发照片和语音的链接）', { FILES_SECRET: 'short' }],
    ['TOKEN_TTL_HOURS', '应为不小于 1 的整数', { TOKEN_TTL_HOURS: '0' }],
    ['WECHAT_APPID', 'selfhosted 模式必须设置', { ...PRODUCTION, WECHAT_APPID: undefined }],
    ['WECHAT_SECRET', 'selfhosted 模式必须设置', { XINYUAN_MODE: 'selfhosted', TOKEN_SECRET: SECRET, WECHAT_APPID: 'a' }],
    ['WECHAT_API_BASE', '应为网址', { WECHAT_API_BASE: 'ftp://api.example.com' }],
    ['WECHAT_API_BASE', '应为网址', { WECHAT_API_BASE: 'api.weixin.qq.com' }],
    ['WECHAT_MINIPROGRAM_STATE', '只能是 developer、trial、formal 之一', { WECHAT_MINIPROGRAM_STATE: 'trail' }],
    ['BODY_LIMIT_BYTES', '应为不小于 1024 的整数', { BODY_LIMIT_BYTES: '1000' }],
    ['UPLOAD_LIMIT_BYTES', '应为不小于 1024 的整数', { UPLOAD_LIMIT_BYTES: '5MB' }],
    ['RATE_LIMIT_PER_MINUTE', '应为不小于 1 的整数', { RATE_LIMIT_PER_MINUTE: '0' }],
    ['CRON_INTERVAL_MS', '应为不小于 0 的整数', { CRON_INTERVAL_MS: '-1000' }],
    // `true` trusts the hop the client writes itself (issue 11, M5).
    ['TRUST_PROXY', '应为反向代理的地址', { TRUST_PROXY: 'true' }],
    ['TRUST_PROXY', '应为反向代理的地址', { TRUST_PROXY: '1' }],
    ['TRUST_PROXY', '应为反向代理的地址', { TRUST_PROXY: '10.0.0.0/33' }],
    ['TRUST_PROXY', '应为反向代理的地址', { TRUST_PROXY: 'proxy.local' }],
  ])('refuses %s: %s', (variable, reason, env) => {
    const err = failure(env);
    expect(err.variables).toEqual([variable]);
    expect(err.message).toContain(`环境变量 ${variable} ${reason}`);
  });

  it.each<[string, false | string]>([
    ['false', false],
    ['0', false],
    ['127.0.0.1', '127.0.0.1'],
    ['10.0.0.0/8,::1, fd00::/8', '10.0.0.0/8,::1,fd00::/8'],
  ])('TRUST_PROXY=%s trusts %p', (given, trusted) => {
    expect(loadConfig({ TRUST_PROXY: given }).trustProxy).toBe(trusted);
  });

  it('names every bad variable in one error, each with its reason and the value given', () => {
    const err = failure({
      NODE_ENV: 'production',
      XINYUAN_MODE: 'local',
      PORT: 'abc',
      MONGODB_URI: undefined,
      TOKEN_SECRET: 'too-short',
      WECHAT_MINIPROGRAM_STATE: 'beta',
      CRON_INTERVAL_MS: 'soon',
    });
    expect(err.variables.sort()).toEqual(['CRON_INTERVAL_MS', 'MONGODB_URI', 'PORT', 'TOKEN_SECRET', 'WECHAT_MINIPROGRAM_STATE', 'XINYUAN_MODE']);
    const lines = err.message.split('\n');
    expect(lines[0]).toBe('配置有误：');
    expect(lines).toHaveLength(1 + err.problems.length);
    expect(err.message).toContain('环境变量 PORT 应为 0 到 65535 之间的整数，现在是 "abc"');
    expect(err.message).toContain('环境变量 CRON_INTERVAL_MS 应为不小于 0 的整数，现在是 "soon"');
    expect(err.message).toContain('环境变量 WECHAT_MINIPROGRAM_STATE 只能是 developer、trial、formal 之一，现在是 "beta"');
    expect(err.message).toContain('环境变量 XINYUAN_MODE 生产环境不能是 local');
    expect(err.message).toContain('环境变量 MONGODB_URI 生产环境（NODE_ENV=production）必须设置');
    expect(err.message).toContain('环境变量 TOKEN_SECRET 生产环境必须设置');
  });

  it('never echoes a secret or a password in the error', () => {
    const err = failure({ ...PRODUCTION, MONGODB_URI: 'postgres://app:hunter2@db/xinyuan', TOKEN_SECRET: 'sekrit', WECHAT_SECRET: undefined });
    expect(err.variables).toEqual(['MONGODB_URI', 'TOKEN_SECRET', 'WECHAT_SECRET']);
    expect(err.message).toContain('现在是 "postgres://…@db/xinyuan"');
    expect(err.message).not.toContain('hunter2');
    expect(err.message).not.toContain('sekrit');
  });
});
