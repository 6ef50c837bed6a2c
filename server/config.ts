/** Environment variables as read (not the ambient NodeJS.ProcessEnv, which others augment). */
type Env = Record<string, string | undefined>;
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { templateIdsFromEnv } from '../cloudfunctions/_core/config';
import type { CoreConfig } from '../cloudfunctions/_core/types';

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
  tokenTtlHours: number;
  wechat: { appId?: string; secret?: string; apiBase: string };
  bodyLimitBytes: number;
  /** Photos (POST /api/upload): where they are kept (default: next to the embedded database) and how large one may be. */
  uploadDir?: string;
  uploadLimitBytes: number;
  rateLimitPerMinute: number;
  h5Dir: string;
  cronIntervalMs: number;
  templateIds: CoreConfig['templateIds'];
  miniprogramState: CoreConfig['miniprogramState'];
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

function int(env: Env, name: string, fallback: number, min = 0): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) throw new ConfigError(`环境变量 ${name} 应为不小于 ${min} 的整数，现在是 "${raw}"`);
  return n;
}

/** Typed config that fails fast, naming every missing or malformed variable at once. */
export function loadConfig(env: Env = process.env): ServerConfig {
  const production = env.NODE_ENV === 'production';
  const problems: string[] = [];
  const modeRaw = env.XINYUAN_MODE ?? (production ? 'selfhosted' : 'local');
  if (modeRaw !== 'local' && modeRaw !== 'selfhosted') problems.push(`XINYUAN_MODE 只能是 local 或 selfhosted，现在是 "${modeRaw}"`);
  const mode = modeRaw as ServerMode;
  if (production && !env.MONGODB_URI) problems.push('生产环境（NODE_ENV=production）必须设置 MONGODB_URI');
  if (production && mode === 'local') problems.push('生产环境不能使用 XINYUAN_MODE=local（会开放演示登录）');
  if ((production || mode === 'selfhosted') && (!env.TOKEN_SECRET || env.TOKEN_SECRET.length < 32)) {
    problems.push('必须设置 TOKEN_SECRET（至少 32 个字符，用于签发登录令牌）');
  }
  if (mode === 'selfhosted') {
    if (!env.WECHAT_APPID) problems.push('selfhosted 模式必须设置 WECHAT_APPID');
    if (!env.WECHAT_SECRET) problems.push('selfhosted 模式必须设置 WECHAT_SECRET');
  }
  let port = 3000;
  let rateLimitPerMinute = 600;
  let bodyLimitBytes = 256 * 1024;
  let uploadLimitBytes = 5 * 1024 * 1024;
  let cronIntervalMs = 60_000;
  let tokenTtlHours = 24 * 7;
  try {
    port = int(env, 'PORT', 3000);
    rateLimitPerMinute = int(env, 'RATE_LIMIT_PER_MINUTE', 600, 1);
    bodyLimitBytes = int(env, 'BODY_LIMIT_BYTES', 256 * 1024, 1024);
    uploadLimitBytes = int(env, 'UPLOAD_LIMIT_BYTES', 5 * 1024 * 1024, 1024);
    cronIntervalMs = int(env, 'CRON_INTERVAL_MS', 60_000);
    tokenTtlHours = int(env, 'TOKEN_TTL_HOURS', 24 * 7, 1);
  } catch (err) {
    problems.push((err as Error).message);
  }
  if (problems.length) throw new ConfigError(`配置有误：\n  - ${problems.join('\n  - ')}`);
  const state = env.WECHAT_MINIPROGRAM_STATE;
  return {
    production,
    mode,
    port,
    host: env.HOST ?? '0.0.0.0',
    mongoUri: env.MONGODB_URI || undefined,
    mongoDb: env.MONGODB_DB || undefined,
    dbPath: env.XINYUAN_DB_PATH ?? path.join('.data', 'db'),
    // Local mode without a secret: a fresh one per start (tokens end with the process).
    tokenSecret: env.TOKEN_SECRET ?? randomBytes(32).toString('hex'),
    tokenTtlHours,
    wechat: { appId: env.WECHAT_APPID, secret: env.WECHAT_SECRET, apiBase: (env.WECHAT_API_BASE ?? 'https://api.weixin.qq.com').replace(/\/$/, '') },
    bodyLimitBytes,
    uploadDir: env.UPLOAD_DIR || undefined,
    uploadLimitBytes,
    rateLimitPerMinute,
    h5Dir: env.H5_DIR ?? path.join('dist', 'h5'),
    cronIntervalMs,
    templateIds: templateIdsFromEnv(env),
    miniprogramState: state === 'developer' || state === 'trial' ? state : 'formal',
  };
}
