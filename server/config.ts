/** Environment variables as read (not the ambient NodeJS.ProcessEnv, which others augment). */
type Env = Record<string, string | undefined>;
import { createHmac, randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import path from 'node:path';
import * as z from 'zod';
import { mapTilesOf } from '@shared/mapTiles';
import { mapTilesFromEnv, templateIdsFromEnv } from '../cloudfunctions/_core/runtime/config';
import type { CoreConfig } from '../cloudfunctions/_core/runtime/types';

export type ServerMode = 'local' | 'selfhosted';

/** Everything the self-hosted server reads from its environment, checked once at start. */
export interface ServerConfig {
  production: boolean;
  mode: ServerMode;
  port: number;
  host: string;
  /** Unset: the embedded database. */
  mongoUri?: string;
  mongoDb?: string;
  /** Where the embedded database keeps its files (':memory:' keeps nothing). */
  dbPath: string;
  tokenSecret: string;
  /** FILES_SECRET: signs the expiring URLs of photos and voice notes (server/fileUrls.ts); unset, `filesSecretOf` derives one from the token secret. */
  filesSecret?: string;
  /** How long a sign-in lasts without signing in again: the life of its (rotating) refresh token. */
  tokenTtlHours: number;
  /** How long one access token is honoured; the client renews it with the refresh token. */
  accessTokenTtlSeconds: number;
  wechat: { appId?: string; secret?: string; apiBase: string };
  bodyLimitBytes: number;
  /** Photos (POST /api/upload): where they are kept (default: next to the embedded database) and how large one may be. */
  uploadDir?: string;
  uploadLimitBytes: number;
  /** Voice notes (the same route): a minute of speech is well under 1 MB in any codec a recorder picks. */
  voiceLimitBytes: number;
  rateLimitPerMinute: number;
  /** How long a request may wait on the database before it is answered 503 UNAVAILABLE. */
  requestTimeoutMs: number;
  /** Requests whose work may run at once; more are answered 503 at once instead of queueing behind a stall. */
  maxInFlight: number;
  /**
   * The addresses (IPs and CIDRs, comma-separated) of the reverse proxies in front that set
   * X-Forwarded-For. Off by default: trusted with no proxy, any client picks its own address by
   * sending that header, and with it its own rate-limit budget.
   */
  trustProxy: false | string;
  /** TLS ends in front of this server (the HTTPS proxy): replies carry HSTS. */
  behindTls: boolean;
  h5Dir: string;
  cronIntervalMs: number;
  /** One JSON line per request on stdout (off under NODE_ENV=test unless asked for). */
  logRequests: boolean;
  templateIds: CoreConfig['templateIds'];
  miniprogramState: CoreConfig['miniprogramState'];
  /** The h5 map's tiles (XINYUAN_MAP_TILES); unset, h5 draws the schematic plot of the grids. */
  mapTiles?: CoreConfig['mapTiles'];
}

/**
 * The key file URLs are signed with: FILES_SECRET, else one derived from the token secret. Derived, not a fresh random
 * one: every worker of a cluster (and every gateway on one database) shares TOKEN_SECRET, so they share this too and
 * a URL one signed works on another; and a key of its own, so a file URL says nothing about the token key.
 */
export function filesSecretOf(config: Pick<ServerConfig, 'filesSecret' | 'tokenSecret'>): string {
  return config.filesSecret ?? createHmac('sha256', config.tokenSecret).update('xinyuan files/v1').digest('hex');
}

/** One problem with one variable. */
export interface ConfigProblem {
  variable: string;
  message: string;
}

/** The environment can't run the server: every problem, each naming its variable. */
export class ConfigError extends Error {
  override name = 'ConfigError';
  constructor(readonly problems: ConfigProblem[]) {
    super(`配置有误：\n  - ${problems.map((p) => p.message).join('\n  - ')}`);
  }

  /** The variables named, in the order their problems are listed. */
  get variables(): string[] {
    return [...new Set(this.problems.map((p) => p.variable))];
  }
}

const TOKEN_SECRET_MIN = 32;

const TRUST_PROXY_RULE =
  '应为反向代理的地址（IP 或 CIDR，逗号分隔，如 127.0.0.1 或 10.0.0.0/8），或 false；不接受 true 或层数：那样直连的客户端可以自己写 X-Forwarded-For';

/** An IP, or an IP with a prefix length its family allows. */
function isAddressOrCidr(entry: string): boolean {
  const [address, prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (!family || rest.length) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

/**
 * Addresses only. `true` makes Fastify take the left-most X-Forwarded-For entry, which the client
 * writes itself (a proxy appends to what it is sent), so every request could name a new address;
 * a hop count can't tell a proxy from a client connecting directly (Fastify 5 ignores one).
 */
function trustProxyValid(v: string): boolean {
  return v === 'false' || v === '0' || v.split(',').every((entry) => isAddressOrCidr(entry.trim()));
}

function trustProxyOf(v: string | undefined): ServerConfig['trustProxy'] {
  if (v === undefined || v === 'false' || v === '0') return false;
  return v.split(',').map((e) => e.trim()).join(',');
}

/** An empty variable (`PORT=` in an env file) means unset, for every variable. */
const unset = (v: unknown) => (v === '' ? undefined : v);

const text = () => z.preprocess(unset, z.string().optional());

function integer(fallback: number, min: number, max?: number) {
  const error = max === undefined ? `应为不小于 ${min} 的整数` : `应为 ${min} 到 ${max} 之间的整数`;
  const n = z.coerce.number({ error }).int({ error }).min(min, { error });
  return z.preprocess(unset, (max === undefined ? n : n.max(max, { error })).default(fallback));
}

function oneOf<const T extends readonly [string, ...string[]]>(values: T) {
  return z.preprocess(unset, z.enum(values, { error: `只能是 ${values.join('、')} 之一` }).optional());
}

/** `scheme://host…`. Not parsed as a URL: a MongoDB URI may list several host:port pairs. */
const uri = (pattern: RegExp, error: string) => z.preprocess(unset, z.string().regex(pattern, { error }).optional());

/**
 * The server's environment: each variable checked on its own, then the rules between them
 * (production and selfhosted mode need more). Every problem is reported, not just the first.
 */
const EnvSchema = z
  .object({
    NODE_ENV: text(),
    XINYUAN_MODE: oneOf(['local', 'selfhosted']),
    PORT: integer(3000, 0, 65535),
    HOST: text(),
    MONGODB_URI: uri(/^mongodb(\+srv)?:\/\/[^\s/?#]+/, '应为 MongoDB 连接串（mongodb://… 或 mongodb+srv://…）'),
    MONGODB_DB: text(),
    XINYUAN_DB_PATH: text(),
    TOKEN_SECRET: text(),
    FILES_SECRET: text(),
    TOKEN_TTL_HOURS: integer(24 * 7, 1),
    ACCESS_TOKEN_TTL_SECONDS: integer(15 * 60, 1),
    WECHAT_APPID: text(),
    WECHAT_SECRET: text(),
    WECHAT_API_BASE: uri(/^https?:\/\/[^\s/?#]+/, '应为网址（http://… 或 https://…）'),
    WECHAT_MINIPROGRAM_STATE: oneOf(['developer', 'trial', 'formal']),
    BODY_LIMIT_BYTES: integer(256 * 1024, 1024),
    UPLOAD_DIR: text(),
    UPLOAD_LIMIT_BYTES: integer(5 * 1024 * 1024, 1024),
    VOICE_LIMIT_BYTES: integer(2 * 1024 * 1024, 1024),
    RATE_LIMIT_PER_MINUTE: integer(600, 1),
    TRUST_PROXY: z.preprocess(unset, z.string().refine(trustProxyValid, { error: TRUST_PROXY_RULE }).optional()),
    REQUEST_TIMEOUT_MS: integer(8_000, 100),
    MAX_IN_FLIGHT: integer(500, 1),
    BEHIND_TLS: oneOf(['true', 'false', '1', '0']),
    H5_DIR: text(),
    CRON_INTERVAL_MS: integer(60_000, 0),
    LOG_REQUESTS: oneOf(['true', 'false', '1', '0']),
    XINYUAN_MAP_TILES: text(),
    XINYUAN_MAP_TILES_DATUM: text(),
    XINYUAN_MAP_TILES_ATTRIBUTION: text(),
  })
  .superRefine(
    (env, ctx) => {
      const production = env.NODE_ENV === 'production';
      const mode = env.XINYUAN_MODE ?? (production ? 'selfhosted' : 'local');
      const problem = (variable: string, message: string) => ctx.addIssue({ code: 'custom', path: [variable], message, continue: true });
      if (production && !env.MONGODB_URI) problem('MONGODB_URI', '生产环境（NODE_ENV=production）必须设置（嵌入式数据库只适合单机演示）');
      if (production && mode === 'local') problem('XINYUAN_MODE', '生产环境不能是 local（会开放演示登录）');
      if ((production || mode === 'selfhosted') && (env.TOKEN_SECRET ?? '').length < TOKEN_SECRET_MIN) {
        problem('TOKEN_SECRET', `${production ? '生产环境' : 'selfhosted 模式'}必须设置，至少 ${TOKEN_SECRET_MIN} 个字符（用于签发登录令牌）`);
      }
      if (env.FILES_SECRET !== undefined && env.FILES_SECRET.length < TOKEN_SECRET_MIN) {
        problem('FILES_SECRET', `至少 ${TOKEN_SECRET_MIN} 个字符（用于签发照片和语音的链接）；不设则由 TOKEN_SECRET 派生`);
      }
      if (env.XINYUAN_MAP_TILES) {
        const tiles = mapTilesOf(env.XINYUAN_MAP_TILES, env.XINYUAN_MAP_TILES_DATUM, env.XINYUAN_MAP_TILES_ATTRIBUTION);
        if ('problem' in tiles) problem(tiles.variable, tiles.problem);
      }
      if (mode === 'selfhosted') {
        if (!env.WECHAT_APPID) problem('WECHAT_APPID', 'selfhosted 模式必须设置（微信登录）');
        if (!env.WECHAT_SECRET) problem('WECHAT_SECRET', 'selfhosted 模式必须设置（微信登录）');
      }
    },
    // Also when a variable failed on its own, so that one start names every problem.
    { when: () => true },
  );

/** How a problem reads: the variable, what is wrong, and the value given (never a secret or a password). */
function describe(variable: string, message: string, env: Env): string {
  const raw = env[variable];
  let shown = raw === undefined || raw === '' || variable.endsWith('_SECRET') ? undefined : raw;
  if (variable === 'MONGODB_URI') shown = shown?.replace(/\/\/[^@/]*@/, '//…@');
  // A tile service's key rides in its URL (天地图 tk=…, 高德 key=…): a browser key, but no need to print it in logs.
  if (variable === 'XINYUAN_MAP_TILES') shown = shown?.replace(/([?&](?:tk|key)=)[^&\s]+/gi, '$1…');
  return `环境变量 ${variable} ${message}${shown === undefined ? '' : `，现在是 "${shown}"`}`;
}

/** Typed config that fails fast, naming every missing or malformed variable at once. */
export function loadConfig(env: Env = process.env): ServerConfig {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const variable = String(issue.path[0] ?? '?');
        return { variable, message: describe(variable, issue.message, env) };
      }),
    );
  }
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';
  const mode = e.XINYUAN_MODE ?? (production ? 'selfhosted' : 'local');
  return {
    production,
    mode,
    port: e.PORT,
    // Loopback unless HOST says otherwise, in every mode: the demo's dev logins are for this machine, and a
    // self-hosted server sits behind its HTTPS proxy; reaching it from elsewhere is a decision, not a default.
    host: e.HOST ?? '127.0.0.1',
    mongoUri: e.MONGODB_URI,
    mongoDb: e.MONGODB_DB,
    dbPath: e.XINYUAN_DB_PATH ?? path.join('.data', 'db'),
    // Local mode without a secret: a fresh one per start (tokens end with the process).
    tokenSecret: e.TOKEN_SECRET ?? randomBytes(32).toString('hex'),
    ...(e.FILES_SECRET ? { filesSecret: e.FILES_SECRET } : {}),
    tokenTtlHours: e.TOKEN_TTL_HOURS,
    accessTokenTtlSeconds: e.ACCESS_TOKEN_TTL_SECONDS,
    wechat: { appId: e.WECHAT_APPID, secret: e.WECHAT_SECRET, apiBase: (e.WECHAT_API_BASE ?? 'https://api.weixin.qq.com').replace(/\/$/, '') },
    bodyLimitBytes: e.BODY_LIMIT_BYTES,
    uploadDir: e.UPLOAD_DIR,
    uploadLimitBytes: e.UPLOAD_LIMIT_BYTES,
    voiceLimitBytes: e.VOICE_LIMIT_BYTES,
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
    trustProxy: trustProxyOf(e.TRUST_PROXY),
    requestTimeoutMs: e.REQUEST_TIMEOUT_MS,
    maxInFlight: e.MAX_IN_FLIGHT,
    behindTls: e.BEHIND_TLS === 'true' || e.BEHIND_TLS === '1',
    h5Dir: e.H5_DIR ?? path.join('dist', 'h5'),
    cronIntervalMs: e.CRON_INTERVAL_MS,
    logRequests: e.LOG_REQUESTS === undefined ? e.NODE_ENV !== 'test' : e.LOG_REQUESTS === 'true' || e.LOG_REQUESTS === '1',
    templateIds: templateIdsFromEnv(env),
    miniprogramState: e.WECHAT_MINIPROGRAM_STATE ?? 'formal',
    // Checked above with every other variable; read here the one way the cloud functions read it.
    mapTiles: mapTilesFromEnv(env),
  };
}
