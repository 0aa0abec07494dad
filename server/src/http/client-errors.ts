import crypto from 'node:crypto';
import http from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ProblemCode } from '../kernel/index.ts';
import { errorFormatAt } from './error-formats.ts';
import { problemInstance, renderProblem, sendProblem } from './problem.ts';
import { routeMethodsOf } from './route-methods.ts';

/** The first line of what the parser was reading when it gave up (whole or cut off), as text. */
function firstLine(raw: unknown): { text: string; whole: boolean } | null {
  const bytes = Buffer.isBuffer(raw)
    ? raw
    : Array.isArray((raw as { data?: unknown } | null)?.data)
      ? Buffer.from((raw as { data: number[] }).data)
      : null;
  if (!bytes) return null;
  const end = bytes.indexOf('\r\n');
  return { text: bytes.subarray(0, end === -1 ? bytes.length : end).toString('latin1'), whole: end !== -1 };
}

/** Half of Node's 16 KiB header limit: a request line that long is a URL too long, not headers. */
const LONG_REQUEST_LINE = 8192;
const REQUEST_LINE_START = /^[A-Za-z-]+ \S/;

/** What a refusal made before any route carries: nothing to cache, sniff or frame. */
const REFUSAL_HEADERS = {
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
} as const;

interface Refusal {
  code: ProblemCode;
  detail: string;
  headers?: Record<string, string>;
}

/** What to answer a request Node's HTTP parser gave up on (these never reach Fastify's router). */
export function refusalOf(
  error: { code?: string; rawPacket?: unknown },
  allowed: (url: string) => string[],
): Refusal {
  switch (error.code) {
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return {
        code: 'request-timeout',
        detail: 'The request, headers and body, was not received in time; send it again at a steady pace.',
      };
    case 'HPE_HEADER_OVERFLOW': {
      // The limit counts the request line too: when that line alone is most of it, the URL is to blame.
      const line = firstLine(error.rawPacket);
      return line && REQUEST_LINE_START.test(line.text) && line.text.length > LONG_REQUEST_LINE
        ? { code: 'uri-too-long', detail: 'The URL is longer than the server accepts.' }
        : { code: 'headers-too-large', detail: 'The request headers are larger than the server accepts.' };
    }
    case 'HPE_CHUNK_EXTENSIONS_OVERFLOW':
      return {
        code: 'payload-too-large',
        detail: 'The chunk extensions are larger than the server accepts.',
      };
    case 'HPE_INVALID_METHOD': {
      const line = firstLine(error.rawPacket);
      const target = line?.whole ? line.text.split(' ')[1] : undefined;
      const methods = target?.startsWith('/') ? allowed(target) : [];
      if (methods.length > 0)
        return {
          code: 'method-not-allowed',
          detail: `This resource takes ${methods.join(', ')}.`,
          headers: { allow: methods.join(', ') },
        };
      return { code: 'malformed-request', detail: 'The request method is not one this server knows.' };
    }
    default:
      return {
        code: 'malformed-request',
        detail:
          'The request is not valid HTTP/1.1 (for example a broken chunked body, a control character in a header, or a malformed request line).',
      };
  }
}

/**
 * Node's HTTP parser refuses some requests before Fastify sees them (headers too large, a broken
 * chunked body, a NUL in a header, an unknown method, a request not received in time). They get
 * the same problem+json as every other answer (or the error format of the path in the request
 * line, when it has one), written straight to the socket, and the connection is closed (what
 * follows on it cannot be trusted to be a request).
 */
export function clientErrorHandler(
  this: FastifyInstance,
  error: Error & { code?: string; rawPacket?: unknown },
  socket: Socket,
): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const refusal = refusalOf(error, (url) => routeMethodsOf(this)?.allowed(url) ?? []);
  const id = crypto.randomUUID();
  this.log.info({ code: refusal.code, cause: error.code, reqId: id }, 'request refused by the HTTP parser');
  // Only when no answer to a request on this connection has started (Node's own rule).
  const inFlight = (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
  if (socket.writable && !inFlight?.headersSent) {
    // The path's own error format (an OperationOutcome under /fhir) when the request line was read.
    const format = errorFormatAt(this.server, firstLine(error.rawPacket)?.text.split(' ')[1]);
    const { status, body, contentType } = format
      ? {
          ...format.render(this.problemTable, refusal.code, refusal.detail, {}),
          contentType: format.contentType,
        }
      : problemAnswer(this.problemTable, refusal, id);
    const headers = {
      'content-type': contentType,
      'content-length': String(Buffer.byteLength(body)),
      ...REFUSAL_HEADERS,
      'x-request-id': id,
      connection: 'close',
      ...refusal.headers,
    };
    const head = Object.entries(headers)
      .map(([name, value]) => `${name}: ${value}\r\n`)
      .join('');
    socket.write(`HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\n${head}\r\n${body}`);
  }
  socket.destroy(error);
}

function problemAnswer(table: FastifyInstance['problemTable'], refusal: Refusal, id: string) {
  const problem = renderProblem(table, refusal.code, refusal.detail, { instance: problemInstance(id) });
  return {
    status: problem.status,
    body: JSON.stringify(problem),
    contentType: 'application/problem+json; charset=utf-8',
  };
}

/**
 * Fastify's own refusals before routing (`frameworkErrors`): a URL whose percent-encoding is
 * broken, a path parameter over the router's 100 characters.
 */
export function frameworkErrorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  // No route, so no hooks: the headers every answer carries are set here.
  reply.headers({ ...REFUSAL_HEADERS, 'x-request-id': request.id });
  switch (error.code) {
    case 'FST_ERR_BAD_URL':
      request.log.info({ code: 'malformed-url' }, 'malformed URL');
      return sendProblem(reply, 'malformed-url', 'The URL holds a malformed percent-encoding.');
    case 'FST_ERR_MAX_PARAM_LENGTH':
      request.log.info({ code: 'uri-too-long' }, 'path parameter too long');
      return sendProblem(reply, 'uri-too-long', 'A part of the path is longer than 100 characters.');
    default:
      request.log.error({ err: error }, 'router fault');
      return sendProblem(reply, 'internal', `Something went wrong on our side. Reference: ${request.id}.`);
  }
}
