/**
 * The one table of error codes. Every error a client can see is one of these, rendered as
 * RFC 9457 problem+json with a stable `code`. Codes never change meaning once published.
 */
export const problems = {
  'validation-failed': { status: 400, title: 'The request is not valid' },
  'malformed-body': { status: 400, title: 'The request body could not be parsed' },
  'control-character': { status: 400, title: 'The request holds a control character' },
  'malformed-url': { status: 400, title: 'The URL is not validly percent-encoded' },
  'malformed-request': { status: 400, title: 'The request is not valid HTTP' },
  'invalid-personal-number': { status: 400, title: 'The personal number (EGN) is not valid' },
  'purpose-required': {
    status: 400,
    title: 'A purpose and a legal basis are required for access to personal data',
  },
  'token-missing': { status: 401, title: 'Authentication is required' },
  'token-invalid': { status: 401, title: 'The access token is not valid' },
  'token-expired': { status: 401, title: 'The access token has expired' },
  'dpop-proof-invalid': {
    status: 401,
    title: 'The DPoP proof is missing or does not fit the request, the token or its key',
  },
  'role-forbidden': { status: 403, title: 'Your role does not allow this action' },
  'demo-disabled': { status: 403, title: 'Demo features are disabled in production' },
  'purpose-not-allowed': { status: 403, title: 'The purpose or legal basis is not granted for this data' },
  'proof-out-of-range': { status: 400, title: 'The proof asks for an index or tree size outside the log' },
  'witness-malformed-request': { status: 400, title: 'The add-checkpoint request is malformed' },
  'witness-bad-signature': {
    status: 403,
    title: "The checkpoint carries no valid signature of the log's key",
  },
  'witness-unknown-log': { status: 404, title: 'The witness does not witness this log' },
  'witness-conflict': {
    status: 409,
    title: 'The checkpoint conflicts with the one the witness cosigned last',
  },
  'witness-inconsistent': { status: 422, title: 'The consistency proof does not verify' },
  'tile-not-found': { status: 404, title: 'No such tile in the log' },
  'checkpoint-not-found': { status: 404, title: 'The log has no checkpoint yet' },
  'usage-not-found': { status: 404, title: 'No such usage record' },
  'not-initiator': { status: 403, title: 'Only the organisation that made the access may do this' },
  'basis-not-hideable': {
    status: 403,
    title: 'The legal basis of the access does not allow hiding it from the person',
  },
  'invalid-vin': { status: 400, title: 'The VIN is not valid' },
  'invalid-plate': { status: 400, title: 'The registration plate is not valid' },
  'vehicle-not-found': { status: 404, title: 'No such vehicle' },
  'report-not-found': { status: 404, title: 'No such vehicle report' },
  'person-not-found': { status: 404, title: 'No such person in the population register' },
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
  'register-unavailable': { status: 503, title: 'A state register did not answer' },
  'not-ready': { status: 503, title: 'The service is not ready' },
} as const satisfies Record<string, { status: number; title: string }>;

export type ProblemCode = keyof typeof problems;

export interface Problem {
  type: string;
  title: string;
  status: number;
  code: ProblemCode;
  detail?: string;
  instance?: string;
  [extension: string]: unknown;
}

/** A domain error that is safe to show: its code decides the status and title. */
export class AppError extends Error {
  readonly code: ProblemCode;
  readonly status: number;
  readonly extensions: Record<string, unknown>;

  constructor(code: ProblemCode, detail?: string, extensions: Record<string, unknown> = {}) {
    super(detail ?? problems[code].title);
    this.name = 'AppError';
    this.code = code;
    this.status = problems[code].status;
    this.extensions = extensions;
  }
}

export function problemTypeUri(code: ProblemCode): string {
  return `urn:civitas:problem:${code}`;
}

export function toProblem(
  code: ProblemCode,
  detail?: string,
  extensions: Record<string, unknown> = {},
): Problem {
  const { status, title } = problems[code];
  return {
    ...extensions,
    type: problemTypeUri(code),
    title,
    status,
    code,
    ...(detail ? { detail } : {}),
  };
}
