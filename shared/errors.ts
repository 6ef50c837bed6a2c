/**
 * One error type for the whole product. Codes are the stable contract with
 * every client: clients switch on them, tests assert on them, the edge maps
 * them to HTTP status once (httpStatusOf).
 */
export const ErrorCodes = [
  'VALIDATION_FAILED',
  'UNAUTHENTICATED',
  /** The access token's 15 minutes are over: the client renews it with its refresh token and tries the call again. */
  'TOKEN_EXPIRED',
  /** The sign-in was ended on the server (signed out, roles changed, a refresh token used twice): sign in again. */
  'TOKEN_REVOKED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'INVALID_TRANSITION',
  'ALREADY_CLAIMED',
  /** Dispatch refused: the person or unit named could not act on it (details.reason says why). */
  'ASSIGNEE_UNAVAILABLE',
  /**
   * The caller's membership of the community they act in was deactivated by its secretary (details.reason says why):
   * nothing there is theirs to do until it is restored; `org.me` and `org.actIn` (to another community) still answer.
   */
  'MEMBER_DEACTIVATED',
  /** 时间银行: the balance does not cover the hours asked for (a wish paid by hours, a transfer); nothing was written. */
  'INSUFFICIENT_HOURS',
  /** A check-in code that is not the activity's (mistyped, or another's): type it again. */
  'CODE_WRONG',
  /** A check-in code that was the activity's, minutes ago: scan the one shown now. */
  'CODE_EXPIRED',
  'PAYLOAD_TOO_LARGE',
  'RATE_LIMITED',
  'INTERNAL',
  'UNAVAILABLE',
] as const;

export type ErrorCode = (typeof ErrorCodes)[number];

const HTTP_STATUS: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 400,
  UNAUTHENTICATED: 401,
  TOKEN_EXPIRED: 401,
  TOKEN_REVOKED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  INVALID_TRANSITION: 409,
  ALREADY_CLAIMED: 409,
  ASSIGNEE_UNAVAILABLE: 409,
  MEMBER_DEACTIVATED: 403,
  INSUFFICIENT_HOURS: 409,
  CODE_WRONG: 400,
  CODE_EXPIRED: 410,
  PAYLOAD_TOO_LARGE: 413,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  // The database did not answer in time, or too much was in flight: retry later (a write with its requestId).
  UNAVAILABLE: 503,
};

export function httpStatusOf(code: ErrorCode): number {
  return HTTP_STATUS[code];
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ErrorCodes as readonly string[]).includes(value);
}

export interface ErrorBody {
  code: ErrorCode;
  message: string;
  details?: unknown;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details?: unknown;

  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    if (details !== undefined) this.details = details;
  }

  toBody(): ErrorBody {
    const body: ErrorBody = { code: this.code, message: this.message };
    if (this.details !== undefined) body.details = this.details;
    return body;
  }
}

export type Envelope<T> = { ok: true; data: T } | { ok: false; error: ErrorBody };

export function success<T>(data: T): Envelope<T> {
  return { ok: true, data };
}

/** Anything thrown becomes an envelope; unknown errors never leak their message or stack. */
export function failure(err: unknown): Envelope<never> {
  if (err instanceof AppError) return { ok: false, error: err.toBody() };
  return { ok: false, error: { code: 'INTERNAL', message: '服务器开小差了，请稍后再试' } };
}
