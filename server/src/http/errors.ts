import { type CodesOf, defineErrors } from '../kernel/index.ts';

/** The error codes of the HTTP layer's own refusals: what the parser, router, schemas and guards turn down, and a fault on our side. */
export const httpErrors = defineErrors({
  'validation-failed': { status: 400, title: 'The request is not valid' },
  'malformed-body': { status: 400, title: 'The request body could not be parsed' },
  'control-character': { status: 400, title: 'The request holds a control character' },
  'malformed-url': { status: 400, title: 'The URL is not validly percent-encoded' },
  'malformed-request': { status: 400, title: 'The request is not valid HTTP' },
  'role-forbidden': { status: 403, title: 'Your role does not allow this action' },
  'route-not-found': { status: 404, title: 'No such resource' },
  'method-not-allowed': { status: 405, title: 'Method not allowed' },
  'not-acceptable': { status: 406, title: 'No acceptable representation' },
  'request-timeout': { status: 408, title: 'The request was not received in time' },
  'payload-too-large': { status: 413, title: 'The request body is too large' },
  'uri-too-long': { status: 414, title: 'The URL is too long' },
  'unsupported-media-type': { status: 415, title: 'Unsupported content type' },
  'rate-limited': { status: 429, title: 'Too many requests' },
  'headers-too-large': { status: 431, title: 'The request headers are too large' },
  internal: { status: 500, title: 'Internal error' },
  'not-ready': { status: 503, title: 'The service is not ready' },
});

declare module '../kernel/errors.ts' {
  interface ProblemCodes extends CodesOf<typeof httpErrors> {}
}
