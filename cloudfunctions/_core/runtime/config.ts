/** Environment variables as read (not the ambient NodeJS.ProcessEnv, which others augment). */
type Env = Record<string, string | undefined>;
import { NotificationTemplateKeys, type NotificationTemplateKey } from '@shared';
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

export function coreConfigFromEnv(env: Env, mode: CoreConfig['mode']): CoreConfig {
  const state = env.WECHAT_MINIPROGRAM_STATE;
  return {
    mode,
    templateIds: templateIdsFromEnv(env),
    miniprogramState: state === 'developer' || state === 'trial' ? state : 'formal',
  };
}

/** A cloud function fails fast, naming the variable, rather than half-working. */
export function requireEnv(env: Env, name: string): string {
  const value = env[name];
  if (!value) throw new Error(`缺少环境变量 ${name}（在云函数配置中设置）`);
  return value;
}
