/**
 * The catalogue of adwatch error codes. Every error adwatch raises on purpose carries one of these
 * codes; docs/errors.md documents each, and a test keeps the two in step.
 */
export const ErrorCode = {
  ConfigInvalid: 'ADW_CONFIG_INVALID',
  ConfigFileUnreadable: 'ADW_CONFIG_FILE_UNREADABLE',
  InputInvalid: 'ADW_INPUT_INVALID',
  RedisUnavailable: 'ADW_REDIS_UNAVAILABLE',
  MongoUnavailable: 'ADW_MONGO_UNAVAILABLE',
  MongoStartFailed: 'ADW_MONGO_START_FAILED',
  StoreWriteFailed: 'ADW_STORE_WRITE_FAILED',
  DataDirInUse: 'ADW_DATA_DIR_IN_USE',
  QueuesInUse: 'ADW_QUEUES_IN_USE',
  ForeignJob: 'ADW_FOREIGN_JOB',
  PortInUse: 'ADW_PORT_IN_USE',
  NoRunningInstance: 'ADW_NO_RUNNING_INSTANCE',
  FetchFailed: 'ADW_FETCH_FAILED',
  FetchHttpStatus: 'ADW_FETCH_HTTP_STATUS',
  FetchBlocked: 'ADW_FETCH_BLOCKED',
  FetchTooLarge: 'ADW_FETCH_TOO_LARGE',
  BrowserUnavailable: 'ADW_BROWSER_UNAVAILABLE',
  ExtractFailed: 'ADW_EXTRACT_FAILED',
  PageTooComplex: 'ADW_PAGE_TOO_COMPLEX',
  ExtractSkipped: 'ADW_EXTRACT_SKIPPED',
  ExtractTimeout: 'ADW_EXTRACT_TIMEOUT',
  ClassifyTimeout: 'ADW_CLASSIFY_TIMEOUT',
  NotFound: 'ADW_NOT_FOUND',
  FetchRobotsDisallowed: 'ADW_FETCH_ROBOTS_DISALLOWED',
  FetchPrivateAddress: 'ADW_FETCH_PRIVATE_ADDRESS',
  FetchThrottled: 'ADW_FETCH_THROTTLED',
  FetchTimeout: 'ADW_FETCH_TIMEOUT',
  FetchRedirects: 'ADW_FETCH_REDIRECTS',
  FetchTls: 'ADW_FETCH_TLS',
  FetchContentType: 'ADW_FETCH_CONTENT_TYPE',
  FetchEmpty: 'ADW_FETCH_EMPTY',
  FetchGone: 'ADW_FETCH_GONE',
  PaginationEndless: 'ADW_PAGINATION_ENDLESS',
  SigningKeyInvalid: 'ADW_SIGNING_KEY_INVALID',
  OutputExists: 'ADW_OUTPUT_EXISTS',
  PacketUnreadable: 'ADW_PACKET_UNREADABLE',
  TimestampFailed: 'ADW_TIMESTAMP_FAILED',
  ExportForbidden: 'ADW_EXPORT_FORBIDDEN',
  Unauthenticated: 'ADW_UNAUTHENTICATED',
  Forbidden: 'ADW_FORBIDDEN',
  CsrfInvalid: 'ADW_CSRF_INVALID',
  LoginFailed: 'ADW_LOGIN_FAILED',
  RateLimited: 'ADW_RATE_LIMITED',
  ReviewConflict: 'ADW_REVIEW_CONFLICT',
  ReviewTransition: 'ADW_REVIEW_TRANSITION',
  AlertDeliveryFailed: 'ADW_ALERT_DELIVERY_FAILED',
  BackupInvalid: 'ADW_BACKUP_INVALID',
  RestoreTargetNotEmpty: 'ADW_RESTORE_TARGET_NOT_EMPTY',
  ModelRollout: 'ADW_MODEL_ROLLOUT',
  Internal: 'ADW_INTERNAL',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export interface AdwatchErrorOptions {
  cause?: unknown;
  /** Whether trying the same operation again later may succeed. */
  retryable?: boolean;
}

/** Base class: a code from the catalogue, a message saying what was wrong and what to do. */
export class AdwatchError extends Error {
  readonly code: ErrorCode;
  readonly retryable: boolean;

  constructor(code: ErrorCode, message: string, options: AdwatchErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.retryable = options.retryable ?? false;
  }
}

/** The configuration is wrong: the operator must change it. Never retryable. */
export class ConfigError extends AdwatchError {
  constructor(message: string, options: { cause?: unknown; code?: ErrorCode } = {}) {
    super(options.code ?? ErrorCode.ConfigInvalid, message, { cause: options.cause });
  }
}

/** A caller's input (CLI argument, API request, imported file, job payload) is wrong. */
export class InputError extends AdwatchError {
  constructor(message: string, options: { cause?: unknown; code?: ErrorCode } = {}) {
    super(options.code ?? ErrorCode.InputInvalid, message, { cause: options.cause });
  }
}

/** Something outside adwatch failed: a site, the network, a database, a browser. */
export class ExternalError extends AdwatchError {
  constructor(code: ErrorCode, message: string, options: AdwatchErrorOptions = {}) {
    super(code, message, { retryable: true, ...options });
  }
}

/** Returns a one-line description of any thrown value, for logs and stored errors. */
export function describeError(error: unknown): string {
  if (error instanceof AdwatchError) return `${error.code}: ${error.message}`;
  if (error instanceof Error) return error.message;
  return String(error);
}
