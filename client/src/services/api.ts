import Taro from '@tarojs/taro';
import type { ActionInput, ActionName, ActionOutputs, ActionReply, FunctionName as AnyFunction } from '@shared/actions';
import { isWriteAction } from '@shared/actions/writes';
import { AppError, isErrorCode, type Envelope } from '@shared/errors';
import { OfflineError } from './errors';
import { apiBase, usesCloud } from './platform';
import { newRequestId } from './requestId';
import { getToken, onUnauthenticated } from './token';

/** The functions a person calls (cron is the timer's). */
export type FunctionName = Exclude<AnyFunction, 'cron'>;

export interface CallOptions {
  /** Reuse the key of a failed attempt to retry the same write (see SubmitKey). */
  requestId?: string;
}

const TIMEOUT_MS = 15000;

/** Same-origin `/api` in h5; the configured HTTPS host for a self-hosted weapp build. */
export function apiUrl(path: string): string {
  return `${apiBase.replace(/\/$/, '')}${path}`;
}

function unwrap<T>(body: unknown, status?: number): T {
  const env = body as Envelope<T> | null;
  if (env && typeof env === 'object' && 'ok' in env) {
    if (env.ok) return env.data;
    const code = isErrorCode(env.error?.code) ? env.error.code : 'INTERNAL';
    throw new AppError(code, env.error?.message ?? '', env.error?.details);
  }
  // No envelope: a proxy or the platform answered (413 from nginx, 502 while restarting).
  if (status === 413) throw new AppError('PAYLOAD_TOO_LARGE', '');
  if (status === 429) throw new AppError('RATE_LIMITED', '');
  if (status === 401) throw new AppError('UNAUTHENTICATED', '');
  if (status === 502 || status === 503 || status === 504) throw new OfflineError();
  throw new AppError('INTERNAL', '');
}

/** The signed-in person's token as the server expects it, for any HTTP call to server/. */
export function authHeader(): Record<string, string> {
  const token = getToken();
  return token ? { Authorization: `Bearer ${token}` } : {};
}

/**
 * A reply from server/ (JSON, or its text as uploadFile hands it back): the envelope's data, or
 * the AppError it carries. An UNAUTHENTICATED reply signs the person out.
 */
export function received<T>(raw: unknown, status: number): T {
  let body = raw;
  if (typeof raw === 'string') {
    try {
      body = JSON.parse(raw);
    } catch {
      body = null;
    }
  }
  try {
    return unwrap<T>(body, status);
  } catch (err) {
    if (err instanceof AppError && err.code === 'UNAUTHENTICATED') onUnauthenticated();
    throw err;
  }
}

/** Raw HTTP to server/ (auth routes and functions alike); network failure → OfflineError. */
export async function httpJson<T>(method: 'GET' | 'POST', path: string, body?: object): Promise<T> {
  let res: { data: unknown; statusCode: number };
  try {
    res = await Taro.request({
      url: apiUrl(path),
      method,
      data: body,
      timeout: TIMEOUT_MS,
      header: { 'content-type': 'application/json', ...authHeader() },
    });
  } catch {
    throw new OfflineError();
  }
  return received<T>(res.data, res.statusCode);
}

/** `data` may be left out when the action takes nothing required. */
type CallArgs<In> = object extends In ? [data?: In, opts?: CallOptions] : [data: In, opts?: CallOptions];

/**
 * The one transport: WeChat cloud (`callFunction`) or HTTP `POST /api/fn/<fn>`, typed by the
 * action's input schema and its reply in ActionOutputs. Resolves with `data` of `{ok:true}`,
 * rejects with AppError for `{ok:false}` and with OfflineError when nothing answered.
 * Writes (ActionWrites) always carry a requestId; reads never do.
 */
export async function call<F extends FunctionName, A extends ActionName<F> & keyof ActionOutputs[F]>(
  fn: F,
  action: A,
  ...[data, opts]: CallArgs<ActionInput<F, A>>
): Promise<ActionReply<F, A>> {
  type T = ActionReply<F, A>;
  const requestId = opts?.requestId ?? (isWriteAction(fn, action) ? newRequestId() : undefined);
  const payload = { action, data: data ?? {}, ...(requestId ? { requestId } : {}) };
  if (usesCloud()) {
    let result: unknown;
    try {
      const res = await Taro.cloud.callFunction({ name: fn, data: payload });
      result = res.result;
    } catch {
      throw new OfflineError();
    }
    return unwrap<T>(result);
  }
  return httpJson<T>('POST', `/api/fn/${fn}`, payload);
}
