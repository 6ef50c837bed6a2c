// MongoDB's own error codes: the driver (and the app's retry logic) branches on them.
export const Codes = {
  InternalError: 1,
  Unauthorized: 13,
  BadValue: 2,
  FailedToParse: 9,
  TypeMismatch: 14,
  InvalidLength: 16,
  IllegalOperation: 20,
  NamespaceNotFound: 26,
  PathNotViable: 28,
  IndexNotFound: 27,
  CursorNotFound: 43,
  NamespaceExists: 48,
  CommandNotFound: 59,
  ImmutableField: 66,
  InvalidOptions: 72,
  InvalidNamespace: 73,
  IndexOptionsConflict: 85,
  IndexKeySpecsConflict: 86,
  NoSuchTransaction: 251,
  TransactionCommitted: 256,
  OperationNotSupportedInTransaction: 263,
  NoQueryExecutionPlans: 291,
  WriteConflict: 112,
  InvalidIdField: 53,
  DollarPrefixedFieldName: 52,
  SearchNotEnabled: 31082,
  UnsatisfiableWriteConcern: 100,
  UnknownReplWriteConcern: 79,
  BSONObjectTooLarge: 10334,
  DuplicateKey: 11000,
  Location40352: 40352,
  Location40415: 40415,
  QueryFeatureNotAllowed: 224,
  ConflictingUpdateOperators: 40,
  InvalidPipelineOperator: 168,
  Location16755: 16755,
  TransactionTooOld: 225,
  NotImplemented: 238,
  SnapshotTooOld: 239,
  CommandNotSupportedOnView: 166,
  OptionNotSupportedOnView: 167,
  ViewDepthLimitExceeded: 165,
  InvalidViewDefinition: 182,
} as const;

// Names of codes we never raise ourselves but repeat when a fail point (or a client) names them.
const OTHER_NAMES: Record<number, string> = {
  6: 'HostUnreachable',
  7: 'HostNotFound',
  8: 'UnknownError',
  24: 'LockTimeout',
  50: 'MaxTimeMSExpired',
  64: 'WriteConcernFailed',
  89: 'NetworkTimeout',
  91: 'ShutdownInProgress',
  121: 'DocumentValidationFailure',
  133: 'FailedToSatisfyReadPreference',
  134: 'ReadConcernMajorityNotAvailableYet',
  189: 'PrimarySteppedDown',
  202: 'NetworkInterfaceExceededTimeLimit',
  246: 'SnapshotUnavailable',
  262: 'ExceededTimeLimit',
  267: 'PreparedTransactionInProgress',
  9001: 'SocketException',
  10107: 'NotWritablePrimary',
  11600: 'InterruptedAtShutdown',
  11601: 'Interrupted',
  11602: 'InterruptedDueToReplStateChange',
  13435: 'NotPrimaryNoSecondaryOk',
  13436: 'NotPrimaryOrSecondary',
};

const codeNames = new Map<number, string>([...Object.entries(OTHER_NAMES).map(([k, v]) => [Number(k), v] as const), ...Object.entries(Codes).map(([k, v]) => [v, k] as const)]);

export const codeNameOf = (code: number): string => codeNames.get(code) ?? (code >= 10000 ? `Location${code}` : 'UnknownError');

export class DbError extends Error {
  readonly code: number;
  readonly codeName: string;
  readonly labels: string[];
  readonly extra: Record<string, unknown>;

  constructor(code: number, message: string, extra: Record<string, unknown> = {}, labels: string[] = []) {
    super(message);
    this.code = code;
    this.codeName = codeNameOf(code);
    this.extra = extra;
    this.labels = labels;
  }

  toReply(): Record<string, unknown> {
    const reply: Record<string, unknown> = { ok: 0, errmsg: this.message, code: this.code, codeName: this.codeName, ...this.extra };
    if (this.labels.length) reply.errorLabels = this.labels;
    return reply;
  }

  /** The shape of one entry of `writeErrors` in insert/update/delete replies. */
  toWriteError(index: number): Record<string, unknown> {
    return { index, code: this.code, errmsg: this.message, ...this.extra };
  }
}

export const badValue = (msg: string) => new DbError(Codes.BadValue, msg);

/** Anything thrown from mingo or our own code that is not a DbError becomes a MongoDB-shaped error. */
export function toDbError(e: unknown): DbError {
  if (e instanceof DbError) return e;
  const message = e instanceof Error ? e.message : String(e);
  if (/would create a conflict/.test(message)) return new DbError(Codes.ConflictingUpdateOperators, message);
  // mingo reports unsupported operators this way; MongoDB would say BadValue / InvalidPipelineOperator.
  if (/unknown (pipeline|query|update)? ?operator|not supported|unrecognized/i.test(message)) {
    return new DbError(/pipeline/i.test(message) ? Codes.InvalidPipelineOperator : Codes.BadValue, message);
  }
  return new DbError(Codes.BadValue, message);
}
