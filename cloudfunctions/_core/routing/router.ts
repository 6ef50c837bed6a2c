import { AppError, OpenToDeactivated, deactivatedRefusal, membershipActive, failure, parseInput, success, validationError, RequestId, type Envelope } from '@shared';
import type { ActionName, ActionOutputs, ActionSchemas, FunctionName } from '@shared/actions';
import { isWriteAction } from '@shared/actions/writes';
import type * as z from 'zod';
import type { ActionContext, ActionDef } from './action';
import { hasRole, resolveCaller, type Caller } from '../access/caller';
import { once } from './idempotency';
import { withMediaUrls } from './media';
import type { Identity, InvocationContext, Runtime } from '../runtime/types';

export interface FunctionEvent {
  action?: unknown;
  data?: unknown;
  requestId?: unknown;
  /** WeChat timer triggers send { Type: 'Timer', TriggerName, Time }. */
  Type?: unknown;
}

export type CloudFunction = (event: FunctionEvent, context?: InvocationContext) => Promise<Envelope<unknown>>;

/** WeChat mode builds the runtime and identity from its own environment; loaded only when no context is given. */
async function wechatDefaults(context: InvocationContext | undefined): Promise<{ runtime: Runtime; identity: Identity }> {
  const wechat = await import('../runtime/wechat');
  return { runtime: context?.runtime ?? (await wechat.runtimeFromEnv()), identity: context?.identity ?? wechat.identityFromWXContext() };
}

function unknownAction(fn: string): AppError {
  return validationError([{ path: 'action', message: `未知的操作（${fn} 不支持此 action）` }]);
}

/**
 * One router per cloud function: find the action, resolve the caller, parse the
 * input, check roles, run it (once per requestId for writes), and wrap the envelope.
 */
/**
 * Every action of `ActionSchemas[fn]`, each taking that action's input schema and answering with
 * its reply type of `ActionOutputs` (shared/actions): a handler that drifts from the contract the
 * client is typed by does not compile.
 */
export type Handlers<F extends FunctionName> = {
  [A in ActionName<F>]: ActionDef<(typeof ActionSchemas)[F][A] & z.ZodType, A extends keyof ActionOutputs[F] ? ActionOutputs[F][A] : never>;
};

export function createFunction<F extends FunctionName>(fn: F, handlers: Handlers<F>): CloudFunction {
  const actions: Record<string, ActionDef> = handlers;
  return async function main(event, context) {
    try {
      const isTimer = event && typeof event === 'object' && event.Type === 'Timer';
      const name = isTimer ? 'tick' : event?.action;
      if (typeof name !== 'string' || !Object.prototype.hasOwnProperty.call(actions, name)) throw unknownAction(fn);
      const def = actions[name];

      const { runtime: rt, identity } =
        context?.runtime && context.identity ? { runtime: context.runtime, identity: context.identity } : await wechatDefaults(context);
      // A WeChat timer invocation has no user: it is the platform itself.
      const who: Identity = isTimer ? { kind: 'system' } : identity;

      // Only the platform's timer or the server itself: in local mode the gateway names a loopback caller of cron
      // the system (server/gateway.ts), so a moved clock is never reachable from the network.
      if (def.auth === 'system' && who.kind !== 'system') throw new AppError('FORBIDDEN', '仅限定时任务调用');
      const caller: Caller | null = def.auth === 'system' ? null : await resolveCaller(who, rt);
      if ((def.auth === undefined || def.auth === 'user') && !caller) throw new AppError('UNAUTHENTICATED', '请先登录');

      const input = parseInput(def.input, event.data ?? {});
      // The one place a deactivated membership stops a person, whatever the action and their roles: the caller is read
      // afresh (deactivation forgets the cached user), so a token from before it is refused at once.
      if (caller?.membership?.deactivated && !OpenToDeactivated.includes(`${fn}.${name}`)) throw await refusalOf(rt, caller);
      if (def.auth === undefined || def.auth === 'user') {
        const roles = def.roles;
        if (roles && !hasRole(caller!, ...roles)) throw new AppError('FORBIDDEN', '您没有执行此操作的权限');
      }
      const runAction = def.run as (ctx: ActionContext<unknown, Caller | null>) => Promise<unknown>;
      const work = (on: Runtime) => runAction({ input, caller, rt: on, identity: who });
      // Photos and voice notes are handed out as this caller's expiring URLs, signed afresh on every reply (a replayed
      // write's kept reply too): what is stored, and kept for replays, is the bare reference.
      const shown = <R>(reply: R): R => withMediaUrls(reply, rt.media, caller?.id ?? '-', rt.now());
      if (isWriteAction(fn, name) && event.requestId !== undefined) {
        const requestId = parseRequestId(event.requestId);
        const ctx = { input, caller: caller!, rt, identity: who };
        const refuseEarly = 'refuseEarly' in def && def.refuseEarly ? () => def.refuseEarly!(ctx) : undefined;
        const turn = 'turnsOn' in def && def.turnsOn ? def.turnsOn(input) : undefined;
        const replayed = 'replayed' in def ? def.replayed : undefined;
        const kept = replayed ? (reply: Envelope<unknown>) => (reply.ok ? success(replayed(reply.data as never)) : reply) : undefined;
        return shown(await once(rt, `${fn}.${name}:${caller?.id ?? 'system'}:${requestId}`, work, { refuseEarly, turn, kept }));
      }
      return success(shown(await work(rt)));
    } catch (err) {
      logUnexpected(fn, String(event?.action), err);
      return failure(err);
    }
  };
}

async function refusalOf(rt: Runtime, caller: Caller): Promise<AppError> {
  const id = caller.membership!.communityId;
  const names = id ? await rt.repos.communities.names([id]) : new Map<string, string>();
  const elsewhere = caller.user.memberships.some((m) => m.communityId !== undefined && m.communityId !== id && membershipActive(m));
  return deactivatedRefusal(caller.membership!, id ? names.get(id) : undefined, elsewhere);
}

function parseRequestId(value: unknown): string {
  const result = RequestId.safeParse(value);
  if (!result.success) throw validationError([{ path: 'requestId', message: result.error.issues[0]?.message ?? 'requestId 格式不正确' }]);
  return result.data;
}

function logUnexpected(fn: string, action: string, err: unknown): void {
  if (err instanceof AppError) return;
  console.error(`[${fn}.${action}]`, err);
}
