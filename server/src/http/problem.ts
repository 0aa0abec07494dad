import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, type ErrorTable, type Problem, type ProblemCode } from '../kernel/index.ts';
import { errorFormatAt } from './error-formats.ts';
import type { httpErrors } from './errors.ts';

/** HTTP's own codes: what Fastify and the router refuse map onto these. */
type HttpCode = keyof typeof httpErrors;

declare module 'fastify' {
  interface FastifyInstance {
    /** Every context's error codes, merged at boot (see `installErrorHandling`). */
    problemTable: ErrorTable;
  }
}

const fastifyCodes: Record<string, HttpCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload-too-large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported-media-type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'malformed-body',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'malformed-body',
  FST_ERR_CTP_INVALID_JSON_BODY: 'malformed-body',
  FST_ERR_VALIDATION: 'validation-failed',
};

const statusCodes: Record<number, HttpCode> = {
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

export function problemTypeUri(code: string): string {
  return `urn:civitas:problem:${code}`;
}

/**
 * The one problem+json body builder: a code of `table` with this occurrence's detail. A code
 * the table does not hold is a fault of ours, and answers as `internal`.
 */
export function renderProblem(
  table: ErrorTable,
  code: ProblemCode,
  detail?: string,
  extensions: Record<string, unknown> = {},
): Problem {
  const definition = table[code];
  if (!definition) return renderProblem(table, 'internal', `The error code ${code} is not declared.`);
  return {
    ...extensions,
    type: problemTypeUri(code),
    title: definition.title,
    status: definition.status,
    code,
    ...(detail ? { detail } : {}),
  };
}

/**
 * Sends an error as problem+json, or in the format of the path when it has one of its own
 * (`useErrorFormatUnder`: an OperationOutcome under `/fhir`).
 */
export function sendProblem(
  reply: FastifyReply,
  code: ProblemCode,
  detail?: string,
  extensions: Record<string, unknown> = {},
): FastifyReply {
  const format = errorFormatAt(reply.server.server, reply.request.url);
  if (format) {
    const { status, body } = format.render(reply.server.problemTable, code, detail, extensions);
    return reply.code(status).type(format.contentType).send(body);
  }
  const problem = renderProblem(reply.server.problemTable, code, detail, {
    ...extensions,
    instance: problemInstance(reply.request.id),
  });
  return reply.code(problem.status).type('application/problem+json; charset=utf-8').send(problem);
}

/**
 * One place turns every error into problem+json. Client errors keep their explanation;
 * server faults are logged in full and shown only as `internal` with the request id.
 */
export function installErrorHandling(app: FastifyInstance, table: ErrorTable): void {
  app.decorate('problemTable', table);
  app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
    if (error instanceof AppError) {
      request.log.info({ code: error.code }, error.message);
      const detail = error.detail ?? app.problemTable[error.code]?.title;
      return sendProblem(reply, error.code, detail, error.extensions);
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
