import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, type ProblemCode, problems, toProblem } from '../kernel/errors.ts';

const fastifyCodes: Record<string, ProblemCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload-too-large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported-media-type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'malformed-body',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'malformed-body',
  FST_ERR_CTP_INVALID_JSON_BODY: 'malformed-body',
  FST_ERR_VALIDATION: 'validation-failed',
};

const statusCodes: Record<number, ProblemCode> = {
  400: 'malformed-body',
  404: 'route-not-found',
  405: 'method-not-allowed',
  406: 'not-acceptable',
  413: 'payload-too-large',
  415: 'unsupported-media-type',
  429: 'rate-limited',
};

/**
 * The problem's `instance`: this occurrence, named by the request id (also sent as
 * `x-request-id`, and the reference to quote to the operator). Never the request's URL: an
 * answer does not reflect what was sent (a personal number in a path, a malformed URL).
 */
export function problemInstance(requestId: string): string {
  return `urn:civitas:request:${requestId}`;
}

export function sendProblem(
  reply: FastifyReply,
  code: ProblemCode,
  detail?: string,
  extensions: Record<string, unknown> = {},
): FastifyReply {
  return reply
    .code(problems[code].status)
    .type('application/problem+json; charset=utf-8')
    .send(toProblem(code, detail, { ...extensions, instance: problemInstance(reply.request.id) }));
}

/**
 * One place turns every error into problem+json. Client errors keep their explanation;
 * server faults are logged in full and shown only as `internal` with the request id.
 */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
    if (error instanceof AppError) {
      request.log.info({ code: error.code }, error.message);
      return sendProblem(reply, error.code, error.message, error.extensions);
    }
    if ('validation' in error && error.validation) {
      const errors = error.validation.map((issue) => ({
        location: error.validationContext ?? 'request',
        path: issue.instancePath || '/',
        message: issue.message ?? 'is not valid',
      }));
      request.log.info({ code: 'validation-failed', errors }, 'request validation failed');
      return sendProblem(reply, 'validation-failed', describeValidation(errors), { errors });
    }
    const mapped =
      (error.code && fastifyCodes[error.code]) ||
      (error.statusCode && error.statusCode < 500 ? statusCodes[error.statusCode] : undefined);
    if (mapped) {
      request.log.info({ code: mapped, cause: error.code }, error.message);
      return sendProblem(
        reply,
        mapped,
        mapped === 'rate-limited' ? 'Slow down and retry later.' : error.message,
      );
    }
    request.log.error({ err: error }, 'unhandled error');
    return sendProblem(reply, 'internal', `Something went wrong on our side. Reference: ${request.id}.`);
  });
}

function describeValidation(errors: Array<{ location: string; path: string; message: string }>): string {
  return errors
    .map((error) => `${error.location}${error.path === '/' ? '' : error.path} ${error.message}`)
    .join('; ');
}

export function isBrowserNavigation(request: FastifyRequest): boolean {
  return request.method === 'GET' && (request.headers.accept ?? '').includes('text/html');
}
