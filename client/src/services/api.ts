import Taro from '@tarojs/taro';
import type { ActionInput, ActionName, ActionOutputs, ActionReply, FunctionName as AnyFunction } from '@shared/actions';
import { isWriteAction } from '@shared/actions/writes';
import { AppError, isErrorCode, type Envelope } from '@shared/errors';
import { takeEarlyReply } from '../../config/earlyCalls';
import { OfflineError } from './errors';
import { apiBase, usesCloud } from './platform';
import { newRequestId } from './requestId';
import { getRefreshToken, getToken, onDeactivated, onUnauthenticated, setTokens, storedToken, type TokenPair } from './token';

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
    if (code === 'MEMBER_DEACTIVATED') onDeactivated();
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

/** Codes that no renewal mends: the person signs in again. */
const SIGNS_OUT = new Set(['UNAUTHENTICATED', 'TOKEN_REVOKED', 'TOKEN_EXPIRED']);

/**
 * A reply from server/ (JSON, or its text as uploadFile hands it back): the envelope's data, or
 * the AppError it carries. A 401 that reaches here (revoked, or still expired after a renewal) signs the person out.
 */
export function received<T>(raw: unknown, status: number): T {
  try {
    return unwrap<T>(parsed(raw), status);
  } catch (err) {
    if (err instanceof AppError && SIGNS_OUT.has(err.code)) onUnauthenticated();
    throw err;
  }
}

function parsed(raw: unknown): unknown {
  if (typeof raw !== 'string') return raw;
  try {
    return JSON.parse(raw);
  } catch {
    return null;
  }
}

type RawReply = { data: unknown; statusCode: number };

async function send(method: 'GET' | 'POST', path: string, body: object | undefined, header: Record<string, string>): Promise<RawReply> {
  try {
    return await Taro.request({ url: apiUrl(path), method, data: body, timeout: TIMEOUT_MS, header: { 'content-type': 'application/json', ...header } });
  } catch {
    throw new OfflineError();
  }
}

let renewing: Promise<void> | undefined;

/**
 * A new access token for the one that `expired`, from the refresh token (which the server rotates). One renewal
 * at a time: calls that find the token expired together wait for the same one, since a refresh token used twice
 * ends the sign-in. Rejects with the server's refusal (the person is then signed out) or OfflineError.
 */
function renew(expired: string): Promise<void> {
  // Renewed meanwhile, by another call or another tab.
  if (storedToken() !== expired) return Promise.resolve();
  renewing ??= (async () => {
    const refreshToken = getRefreshToken();
    if (!refreshToken) throw new AppError('UNAUTHENTICATED', '');
    const res = await send('POST', '/api/auth/refresh', { refreshToken }, {});
    setTokens(unwrap<TokenPair>(parsed(res.data), res.statusCode));
  })()
    .catch((err: unknown) => {
      // Once for all who waited on it; offline keeps the tokens for a later try.
      if (err instanceof AppError && SIGNS_OUT.has(err.code)) onUnauthenticated();
      throw err;
    })
    .finally(() => {
      renewing = undefined;
    });
  return renewing;
}

/**
 * Sends with the current access token; when the server says it has expired, renews it once and sends the same
 * request again (a write keeps its requestId, so it runs once whichever attempt reached the server).
 */
export async function withFreshToken<T>(attempt: () => Promise<RawReply>): Promise<T> {
  const sentWith = getToken();
  const first = await attempt();
  const env = parsed(first.data) as Envelope<unknown> | null;
  if (!sentWith || first.statusCode !== 401 || env?.ok !== false || env.error?.code !== 'TOKEN_EXPIRED') return received<T>(first.data, first.statusCode);
  await renew(sentWith);
  const second = await attempt();
  return received<T>(second.data, second.statusCode);
}

/** Ends the sign-in on the server (its refresh token names it); whatever it answers, this device is signed out already. */
export async function endSignIn(refreshToken: string): Promise<void> {
  await send('POST', '/api/auth/logout', { refreshToken }, {}).catch(() => undefined);
}

/** Raw HTTP to server/ (auth routes and functions alike); network failure → OfflineError. */
export function httpJson<T>(method: 'GET' | 'POST', path: string, body?: object): Promise<T> {
  return withFreshToken<T>(() => send(method, path, body, authHeader()));
}

/**
 * h5: the reply to this call if index.html started it already (client/config/earlyCalls.ts): the screen's first reads
 * go out while the app's scripts are still on their way. A reply saying the token expired is handled as a sent
 * call's would be (renewed, sent again); no reply (offline) sends afresh.
 */
function earlyReply<T>(fn: string, payload: object): Promise<T> | undefined {
  let early = takeEarlyReply(fn, JSON.stringify(payload), getToken());
  if (!early) return undefined;
  return withFreshToken<T>(async () => {
    const reply = await early;
    early = undefined;
    return reply ?? send('POST', `/api/fn/${fn}`, payload, authHeader());
  });
}

/** `data` may be left out when the action takes nothing required. */
type CallArgs<In> = object extends In ? [data?: In, opts?: CallOptions] : [data: In, opts?: CallOptions];

/**
 * The one transport: WeChat cloud (`callFunction`) or HTTP `POST /api/fn/<fn>`, typed by the
 * action's input schema and its reply in ActionOutputs. Resolves with `data` of `{ok:true}`,
 * rejects with AppError for `{ok:false}` and with OfflineError when nothing answered.
 * Writes (ActionWrites) always carry a requestId; reads never do.
 */
export function call<F extends FunctionName, A extends ActionName<F> & keyof ActionOutputs[F]>(
  fn: F,
  action: A,
  ...[data, opts]: CallArgs<ActionInput<F, A>>
): Promise<ActionReply<F, A>> {
  type T = ActionReply<F, A>;
  const requestId = opts?.requestId ?? (isWriteAction(fn, action) ? newRequestId() : undefined);
  const payload = { action, data: data ?? {}, ...(requestId ? { requestId } : {}) };
  // Outside the async transport, so that the mini-program's build drops this branch whole (it has no index.html).
  if (process.env.TARO_ENV === 'h5') {
    const early = earlyReply<T>(fn, payload);
    if (early) return early;
  }
  return transport<T>(fn, payload);
}

async function transport<T>(fn: FunctionName, payload: object): Promise<T> {
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
