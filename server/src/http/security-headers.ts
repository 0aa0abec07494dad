import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import helmet from 'helmet';

/**
 * Security headers on every response, returned for replies written outside Fastify (the eID
 * node's). The policy is static, so helmet's middleware is run once, at start, and the headers it
 * sets are given to every reply: @fastify/helmet rebuilt the middleware for every request (a third
 * of a request's garbage), and even run once per request it costs a dozen `setHeader` calls.
 */
export function installSecurityHeaders(
  app: FastifyInstance,
  options: { production: boolean },
): Record<string, string> {
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        workerSrc: ["'self'"],
        manifestSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        upgradeInsecureRequests: options.production ? [] : null,
      },
    },
    strictTransportSecurity: options.production,
    crossOriginEmbedderPolicy: false,
  });
  const headers = staticHeadersOf(securityHeaders);
  app.addHook('onRequest', (_request, reply, done) => {
    reply.headers(headers);
    done();
  });
  return headers;
}

/**
 * The headers a static helmet middleware sets, captured by running it once on a recording
 * response. A policy that depends on the request (a CSP nonce) would not be static: refused.
 */
function staticHeadersOf(middleware: ReturnType<typeof helmet>): Record<string, string> {
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
    },
    removeHeader(name: string) {
      delete headers[name.toLowerCase()];
    },
  };
  let finished = false;
  middleware({} as IncomingMessage, recorder as unknown as ServerResponse, (error?: unknown) => {
    if (error) throw error;
    finished = true;
  });
  if (!finished) throw new Error('the security-header middleware did not finish synchronously');
  return headers;
}
