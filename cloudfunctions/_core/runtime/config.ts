/** Environment variables as read (not the ambient NodeJS.ProcessEnv, which others augment). */
type Env = Record<string, string | undefined>;
import { NotificationTemplateKeys, mapTilesOf, type MapTiles, type NotificationTemplateKey } from '@shared';
import type { CoreConfig } from './types';

/** `WECHAT_TEMPLATE_WISH_APPROVED=<id>` etc.: one env var per template key. */
export function templateIdsFromEnv(env: Env): Partial<Record<NotificationTemplateKey, string>> {
  const ids: Partial<Record<NotificationTemplateKey, string>> = {};
  for (const key of NotificationTemplateKeys) {
    const id = env[`WECHAT_TEMPLATE_${key.toUpperCase()}`];
    if (id) ids[key] = id;
  }
  return ids;
}

/**
 * `XINYUAN_MAP_TILES` (with `…_DATUM`, `…_ATTRIBUTION`): the h5 map's tiles, or undefined when unset. Throws naming
 * the variable when set wrong: a map drawn on the wrong datum would put every wish a few hundred metres off.
 */
export function mapTilesFromEnv(env: Env): MapTiles | undefined {
  const templates = env.XINYUAN_MAP_TILES;
  if (!templates) return undefined;
  const parsed = mapTilesOf(templates, env.XINYUAN_MAP_TILES_DATUM, env.XINYUAN_MAP_TILES_ATTRIBUTION);
  if ('problem' in parsed) throw new Error(`环境变量 ${parsed.variable} ${parsed.problem}`);
  return parsed.tiles;
}

export function coreConfigFromEnv(env: Env, mode: CoreConfig['mode']): CoreConfig {
  const state = env.WECHAT_MINIPROGRAM_STATE;
  const mapTiles = mapTilesFromEnv(env);
  return {
    mode,
    templateIds: templateIdsFromEnv(env),
    miniprogramState: state === 'developer' || state === 'trial' ? state : 'formal',
    ...(mapTiles ? { mapTiles } : {}),
  };
}

/** A cloud function fails fast, naming the variable, rather than half-working. */
export function requireEnv(env: Env, name: string): string {
  const value = env[name];
  if (!value) throw new Error(`缺少环境变量 ${name}（在云函数配置中设置）`);
  return value;
}
