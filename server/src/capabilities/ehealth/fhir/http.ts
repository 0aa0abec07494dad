import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../../kernel/index.ts';
import type { StoredResource } from '../ports.ts';
import { etagOf } from './bundle.ts';

/** The media type of every FHIR answer. */
export const FHIR_JSON = 'application/fhir+json';

/** The media types a client may send a resource as. */
export const FHIR_BODY_TYPES = ['application/fhir+json', 'application/json', 'application/json+fhir'];

/** Media ranges in Accept (or `_format` values) that our JSON answers satisfy. */
const JSON_RANGES = new Set([
  '*/*',
  'application/*',
  'application/fhir+json',
  'application/json',
  'application/json+fhir',
  'json',
]);

/** `_format` shorthands for the other media types an operation may answer in. */
const FORMAT_ALIASES: Readonly<Record<string, string>> = { pdf: 'application/pdf' };

/** The media ranges a request accepts, without parameters (`q=0` ones left out). */
function acceptedRanges(request: FastifyRequest): string[] {
  const format = (request.query as Record<string, unknown> | undefined)?._format;
  const accept = request.headers.accept;
  const raw =
    typeof format === 'string' ? format : accept === undefined || accept.trim() === '' ? '*/*' : accept;
  return raw
    .split(',')
    .map((part) => part.trim().toLowerCase())
    .filter((part) => part !== '' && !/;\s*q=0(\.0*)?\s*(;|$)/.test(part))
    .map((part) => part.split(';')[0]!.trim())
    .map((part) => FORMAT_ALIASES[part] ?? part);
}

/**
 * The media type to answer with: FHIR JSON when the client takes it, one of `extra` (an
 * operation's PDF) when it asks for that; 406 `not-acceptable` otherwise (XML, RDF, …).
 */
export function negotiate(request: FastifyRequest, extra: readonly string[] = []): string {
  const ranges = acceptedRanges(request);
  for (const range of ranges) {
    if (JSON_RANGES.has(range)) return FHIR_JSON;
    if (extra.includes(range)) return range;
  }
  throw new AppError('not-acceptable', `This server answers in ${[FHIR_JSON, ...extra].join(', ')}.`);
}

/** `return=minimal|representation|OperationOutcome` of the Prefer header (default representation). */
export function preferredReturn(request: FastifyRequest): 'minimal' | 'representation' | 'OperationOutcome' {
  const prefer = request.headers.prefer;
  const match =
    typeof prefer === 'string' ? /return=(minimal|representation|OperationOutcome)/i.exec(prefer) : null;
  const value = match?.[1]?.toLowerCase();
  if (value === 'minimal') return 'minimal';
  if (value === 'operationoutcome') return 'OperationOutcome';
  return 'representation';
}

/** The headers of an answer about one version: ETag, Last-Modified. */
export function versionHeaders(reply: FastifyReply, stored: StoredResource): FastifyReply {
  return reply.header('etag', etagOf(stored)).header('last-modified', stored.lastUpdated.toUTCString());
}

/** Sends JSON text (a stored resource, a Bundle built as text) or a value as FHIR JSON. */
export function sendFhir(reply: FastifyReply, status: number, body: string | object): FastifyReply {
  return reply
    .code(status)
    .type(`${FHIR_JSON}; charset=utf-8`)
    .send(typeof body === 'string' ? body : JSON.stringify(body));
}
