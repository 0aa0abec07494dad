import crypto from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FastifyServerOptions } from 'fastify';
import type { Config } from '../kernel/index.ts';
import { clientErrorHandler, frameworkErrorHandler } from './client-errors.ts';

export type ConnectionLimits = Pick<Config, 'headersTimeoutMs' | 'requestTimeoutMs' | 'connectionTimeoutMs'>;

/** The limits `loadConfig` defaults to, for servers started without a configuration (tests). */
export const DEFAULT_CONNECTION_LIMITS: ConnectionLimits = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  connectionTimeoutMs: 120_000,
};

/** A request id a caller may set (`x-request-id`), to follow a request across systems. */
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The caller's `x-request-id` when it is a plain token, else a fresh UUID. */
export function requestIdOf(request: IncomingMessage): string {
  const given = request.headers['x-request-id'];
  return typeof given === 'string' && REQUEST_ID.test(given) ? given : crypto.randomUUID();
}

/**
 * The HTTP server's options that keep every answer in the error model and every connection
 * bounded in time:
 * - `headersTimeout` / `requestTimeout`: the headers, and the whole request with its body, must
 *   arrive within these (a body trickled a byte at a time is answered `request-timeout`, 408);
 *   Node checks the running requests every `connectionsCheckingInterval`, so that is kept short;
 * - `connectionTimeout`: a connection silent both ways for this long is closed;
 * - `clientErrorHandler` and `frameworkErrors`: what Node's parser or Fastify's router refuse
 *   before any route runs is answered with problem+json too (and so, by the request guards, is
 *   a request during shutdown).
 */
export function httpServerOptions(limits: ConnectionLimits) {
  const checkEveryMs = Math.max(100, Math.min(1000, Math.floor(limits.headersTimeoutMs / 4)));
  return {
    http: {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      connectionsCheckingInterval: checkEveryMs,
    },
    requestTimeout: limits.requestTimeoutMs,
    connectionTimeout: limits.connectionTimeoutMs,
    requestIdHeader: false,
    genReqId: requestIdOf,
    clientErrorHandler,
    frameworkErrors: frameworkErrorHandler,
    // Requests during shutdown get problem+json from the request guards instead.
    return503OnClosing: false,
  } satisfies FastifyServerOptions & { http: object };
}
