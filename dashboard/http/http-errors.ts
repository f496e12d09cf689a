import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { AdwatchError, ErrorCode } from '../../core/index.js';

/** HTTP status for each error code the API answers with. */
const statusByCode: Partial<Record<ErrorCode, number>> = {
  [ErrorCode.InputInvalid]: 400,
  [ErrorCode.Unauthenticated]: 401,
  [ErrorCode.LoginFailed]: 401,
  [ErrorCode.Forbidden]: 403,
  [ErrorCode.CsrfInvalid]: 403,
  [ErrorCode.ExportForbidden]: 403,
  [ErrorCode.NotFound]: 404,
  [ErrorCode.ReviewConflict]: 409,
  [ErrorCode.ModelRollout]: 409,
  [ErrorCode.ReviewTransition]: 422,
  [ErrorCode.RateLimited]: 429,
};

/** An API error: a catalogue code, a message for a person, optional extra fields for the UI. */
export class ApiError extends AdwatchError {
  constructor(
    code: ErrorCode,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(code, message);
  }
}

export function notFound(what: string): ApiError {
  return new ApiError(ErrorCode.NotFound, `${what} does not exist`);
}

/** Every error leaves as `{error: {code, message, ...}}` with a fitting status; no stack traces. */
export function sendError(
  error: FastifyError | Error,
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  if (error instanceof AdwatchError) {
    const extra = error instanceof ApiError ? error.extra : {};
    void reply
      .code(statusByCode[error.code] ?? 500)
      .send({ error: { code: error.code, message: error.message, ...extra } });
    return;
  }
  const fastifyError = error as FastifyError;
  if (fastifyError.validation) {
    void reply.code(400).send({
      error: { code: ErrorCode.InputInvalid, message: `invalid request: ${error.message}` },
    });
    return;
  }
  if (fastifyError.statusCode === 429) {
    void reply.code(429).send({
      error: {
        code: ErrorCode.RateLimited,
        message: 'too many attempts; wait a minute and try again',
      },
    });
    return;
  }
  if (fastifyError.statusCode && fastifyError.statusCode < 500) {
    void reply.code(fastifyError.statusCode).send({
      error: { code: ErrorCode.InputInvalid, message: error.message },
    });
    return;
  }
  request.log.error({ err: error }, 'request failed');
  void reply.code(500).send({
    error: { code: ErrorCode.Internal, message: 'internal error; the server log has the details' },
  });
}
