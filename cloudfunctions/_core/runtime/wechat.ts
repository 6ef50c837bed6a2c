/** Environment variables as read (not the ambient NodeJS.ProcessEnv, which others augment). */
type Env = Record<string, string | undefined>;
/**
 * The WeChat cloud adapter: the only module that touches wx-server-sdk. It reads
 * identity from getWXContext(), which reads process-wide env: fine inside a WeChat
 * container (one request at a time), never used by the self-hosted gateway.
 */
import { AppError } from '@shared';
import { coreConfigFromEnv, requireEnv } from './config';
import { CallbackChecker, judgedRisky, msgSecCheckScene, WordListChecker } from './contentCheck';
import { connect } from '../store/connect';
import { repositoriesOf } from '../store/repositories';
import type { Notifier, SendResult, SubscribeMessage } from './notifier';
import type { Identity, Runtime } from './types';

type Cloud = typeof import('wx-server-sdk');
let cloud: Cloud | undefined;
function sdk(): Cloud {
  if (!cloud) {
    cloud = require('wx-server-sdk') as Cloud;
    cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string });
  }
  return cloud;
}

export function identityFromWXContext(): Identity {
  const { OPENID } = sdk().getWXContext();
  if (!OPENID) throw new AppError('UNAUTHENTICATED', '无法获取微信身份');
  return { kind: 'openid', openid: OPENID };
}

class CloudSubscribeSender implements Notifier {
  async send(m: SubscribeMessage): Promise<SendResult> {
    try {
      await sdk().openapi.subscribeMessage.send({
        touser: m.openid,
        templateId: m.templateId,
        page: m.page,
        data: m.data,
        miniprogramState: m.miniprogramState,
      } as never);
      return { ok: true };
    } catch (err) {
      const e = err as { errCode?: number; errMsg?: string; message?: string };
      return { ok: false, errCode: e.errCode ?? -1, errMsg: e.errMsg ?? e.message ?? 'send failed' };
    }
  }
}

async function msgSecCheck(content: string, openid: string | undefined, field: string): Promise<boolean> {
  try {
    const r = (await sdk().openapi.security.msgSecCheck({ content, version: 2, scene: msgSecCheckScene(field), openid } as never)) as {
      result?: { suggest?: string };
    };
    return !judgedRisky(undefined, r?.result?.suggest);
  } catch (err) {
    // Any failure but a risky verdict must not block a resident's request.
    return !judgedRisky((err as { errCode?: number }).errCode, undefined);
  }
}

let runtime: Promise<Runtime> | undefined;

/** One connection per warm container, from the function's environment variables. */
export function runtimeFromEnv(env: Env = process.env): Promise<Runtime> {
  runtime ??= (async () => {
    const { db } = await connect(requireEnv(env, 'MONGODB_URI'), env.MONGODB_DB);
    return {
      repos: repositoriesOf(db),
      now: () => new Date(),
      notifier: new CloudSubscribeSender(),
      // The same rules as self-hosted (server/wechatApi.ts): the word list first, then WeChat, failing open.
      content: new CallbackChecker(msgSecCheck, new WordListChecker()),
      config: coreConfigFromEnv(env, 'wechat'),
    };
  })().catch((err) => {
    runtime = undefined;
    throw err;
  });
  return runtime;
}
