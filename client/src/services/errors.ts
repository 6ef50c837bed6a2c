import { AppError, isErrorCode, type ErrorCode } from '@shared/errors';

/** The network never answered (offline, DNS, timeout): the UI offers a retry, not a message from the server. */
export class OfflineError extends Error {
  readonly code = 'OFFLINE' as const;
  constructor(message = '网络不给力，请检查网络后重试') {
    super(message);
    this.name = 'OfflineError';
  }
}

export type ClientErrorCode = ErrorCode | 'OFFLINE';

/** What a person reads for each stable code; the server's own message is shown beneath when it says more. */
export const ErrorMessages: Record<ClientErrorCode, string> = {
  VALIDATION_FAILED: '填写的内容有误，请按提示修改',
  UNAUTHENTICATED: '登录已过期，请重新登录',
  TOKEN_EXPIRED: '登录已过期，请重新登录',
  TOKEN_REVOKED: '登录已失效（已退出或身份有变动），请重新登录',
  FORBIDDEN: '您没有权限进行此操作',
  NOT_FOUND: '内容不存在或已被删除',
  CONFLICT: '内容已被他人修改，请刷新后重试',
  INVALID_TRANSITION: '当前状态不能进行此操作，请刷新后查看',
  ALREADY_CLAIMED: '手慢了，这个心愿已被其他人认领',
  ASSIGNEE_UNAVAILABLE: '对方暂时无法承接，请改派他人',
  MEMBER_DEACTIVATED: '您在本社区的成员身份已停用，如有疑问请联系社区书记',
  INSUFFICIENT_HOURS: '时间银行余额不足',
  CODE_WRONG: '签到码不正确，请核对后重新输入',
  CODE_EXPIRED: '签到码已过期，请扫描组织者当前出示的签到码',
  PAYLOAD_TOO_LARGE: '内容太大了，请减少照片或文字后重试',
  RATE_LIMITED: '操作太频繁，请稍后再试',
  INTERNAL: '服务器开小差了，请稍后再试',
  UNAVAILABLE: '服务暂时繁忙，请稍后重试',
  OFFLINE: '网络不给力，请检查网络后重试',
};

export function codeOf(err: unknown): ClientErrorCode {
  if (err instanceof OfflineError) return 'OFFLINE';
  if (err instanceof AppError) return err.code;
  const code = (err as { code?: unknown } | null)?.code;
  if (code === 'OFFLINE') return 'OFFLINE';
  return isErrorCode(code) ? code : 'INTERNAL';
}

export function isOffline(err: unknown): boolean {
  return codeOf(err) === 'OFFLINE';
}

/** A sentence for a toast or an error panel. Server messages in Chinese are more specific (which conflict, which daily limit), so they win there. */
export function messageOf(err: unknown): string {
  const code = codeOf(err);
  const serverMessage = err instanceof AppError ? err.message : '';
  const specific =
    /[\u4e00-\u9fff]/.test(serverMessage) &&
    (code === 'INVALID_TRANSITION' || code === 'CONFLICT' || code === 'FORBIDDEN' || code === 'RATE_LIMITED' || code === 'ASSIGNEE_UNAVAILABLE' || code === 'MEMBER_DEACTIVATED' || code === 'INSUFFICIENT_HOURS' || code === 'CODE_WRONG' || code === 'CODE_EXPIRED');
  return specific ? serverMessage : ErrorMessages[code];
}

export interface FieldErrorItem {
  path: string;
  message: string;
}

/**
 * VALIDATION_FAILED details `{fields: [{path, message}]}` → `{ title: '不能为空', 'location.coordinates': … }`.
 * Nested paths also fill their top-level field, so a form shows `location` errors under the map picker.
 */
export function fieldErrorsOf(err: unknown): Record<string, string> {
  if (!(err instanceof AppError) || err.code !== 'VALIDATION_FAILED') return {};
  const fields = (err.details as { fields?: FieldErrorItem[] } | undefined)?.fields;
  if (!Array.isArray(fields)) return {};
  const out: Record<string, string> = {};
  for (const f of fields) {
    if (typeof f?.path !== 'string' || typeof f?.message !== 'string') continue;
    if (!(f.path in out)) out[f.path] = f.message;
    const top = f.path.split('.')[0];
    if (top && !(top in out)) out[top] = f.message;
  }
  return out;
}
