import type { Bundle, Resource } from '@medplum/fhirtypes';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { useErrorFormatUnder } from '../../../http/index.ts';
import { AppError, type ProblemCode } from '../../../kernel/index.ts';
import type { EhealthParts } from '../parts.ts';
import type { StoredResource } from '../ports.ts';
import { historyBundle, searchsetText, versionPath } from './bundle.ts';
import { capabilityStatement } from './capability-statement.ts';
import { FHIR_BODY_TYPES, negotiate, preferredReturn, sendFhir, versionHeaders } from './http.ts';
import { isServerFault, outcomeFormat, outcomeOfError, renderOutcome } from './outcome.ts';
import { paramsOf } from './query.ts';
import { isHeldType } from './resource-types.ts';
import { type HealthRecordService, healthRecordService } from './service.ts';

/** Where the API lives. */
export const FHIR_BASE_PATH = '/fhir/R4';

/** A Bundle may be larger than one resource: the platform's body limit, or 8 MiB when that is less. */
const BUNDLE_BODY_LIMIT = 8 * 1024 * 1024;

/** Query parameters about the answer's form, not the search (the engine never sees them). */
const FORMAT_PARAMS = new Set(['_format', '_pretty']);

/** Where every error is an OperationOutcome: the API, and any other path under `/fhir` (`/fhir/R5`). */
export const FHIR_ERRORS_PATH = '/fhir';

/** The FHIR R4 REST API at /fhir/R4, in a scope of its own (its own parsers, errors, 404s). */
export async function fhirRoutes(app: FastifyInstance, parts: EhealthParts): Promise<void> {
  // What answers before this scope runs (the HTTP parser, the router, the root's 404) answers
  // under /fhir with an OperationOutcome too.
  useErrorFormatUnder(app, FHIR_ERRORS_PATH, outcomeFormat);
  await app.register(async (scope) => fhirApi(scope, parts), { prefix: FHIR_BASE_PATH });
  // Another version or a typo (`/fhir/R5/Patient`, `/fhir`): no such API, said in FHIR's terms.
  await app.register(
    async (scope) =>
      scope.setNotFoundHandler((request, reply) =>
        refuse(
          request,
          reply,
          'route-not-found',
          `There is no FHIR API at this path; R4 is at ${FHIR_BASE_PATH}.`,
        ),
      ),
    { prefix: FHIR_ERRORS_PATH },
  );
}

/** Answers one of our codes as an OperationOutcome, and logs the refusal with its code. */
function refuse(request: FastifyRequest, reply: FastifyReply, code: ProblemCode, detail: string) {
  const answer = renderOutcome(request.server.problemTable, code, detail);
  request.log.info({ code: answer.code }, 'refused');
  return sendFhir(reply, answer.status, answer.outcome);
}

type Params = { type: string; id: string; vid: string; operation: string };
type Query = Record<string, string | string[]>;

/** What the route groups share: the parts, the one service, and the base URL of answers. */
interface Api {
  parts: EhealthParts;
  service: HealthRecordService;
  baseUrlOf(request: FastifyRequest): string;
}

async function fhirApi(app: FastifyInstance, parts: EhealthParts): Promise<void> {
  const { config } = parts;
  installFhirScope(app);
  const api: Api = {
    parts,
    service: healthRecordService(parts),
    // The base of URLs in answers: the configured public URL in production, else the request's origin.
    baseUrlOf: (request) =>
      config.production
        ? `${config.publicUrl}${FHIR_BASE_PATH}`
        : `${request.protocol}://${request.host}${FHIR_BASE_PATH}`,
  };
  metadataRoute(app, api);
  bundleRoute(app, api);
  typeRoutes(app, api);
  instanceRoutes(app, api);
  historyRoutes(app, api);
  operationRoutes(app, api);
}

/** Errors and 404s as OperationOutcome, FHIR JSON parsers (415 for the rest), no caching. */
function installFhirScope(app: FastifyInstance): void {
  // Every error under /fhir is an OperationOutcome with our code (never problem+json).
  app.setErrorHandler((error, request, reply) => {
    const answer = outcomeOfError(request.server.problemTable, error, request.id);
    if (isServerFault(error)) request.log.error({ err: error }, 'unhandled error');
    else request.log.info({ code: answer.code }, 'refused');
    return sendFhir(reply, answer.status, answer.outcome);
  });
  app.setNotFoundHandler((request, reply) => {
    // A method the path's shape takes was not routed: a segment the router refused (over 100
    // characters), so there is no such resource rather than a wrong method.
    const shape = methodsAt(request.url);
    const methods = shape.includes(request.method) || request.method === 'HEAD' ? [] : shape;
    if (methods.length > 0) {
      reply.header('allow', methods.join(', '));
      return refuse(request, reply, 'method-not-allowed', `This resource takes ${methods.join(', ')}.`);
    }
    return refuse(request, reply, 'route-not-found', 'There is no FHIR interaction at this path.');
  });
  app.addHook('onSend', async (_request, reply) => {
    // Health data must not linger in shared or browser caches.
    reply.header('cache-control', 'no-store');
  });
  // FHIR JSON in (also plain JSON); form bodies for POST _search; anything else 415.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(
    FHIR_BODY_TYPES,
    { parseAs: 'string' },
    app.getDefaultJsonParser('error', 'error'),
  );
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string' },
    (_request, body, done) => done(null, paramsOf(String(body))),
  );
}

/** The CapabilityStatement, public (a client reads it before it has a token). */
function metadataRoute(app: FastifyInstance, { parts, baseUrlOf }: Api): void {
  let statement: { baseUrl: string; text: string } | undefined;
  app.get('/metadata', { config: { access: 'public' } }, async (request, reply) => {
    negotiate(request);
    const baseUrl = baseUrlOf(request);
    if (statement?.baseUrl !== baseUrl) {
      const built = capabilityStatement({
        baseUrl,
        version: '0.1.0',
        operations: parts.operations,
        date: new Date(),
      });
      statement = { baseUrl, text: JSON.stringify(built) };
    }
    return sendFhir(reply, 200, statement.text);
  });
}

/** Batch and transaction Bundles, POSTed to the base. */
function bundleRoute(app: FastifyInstance, { parts, service, baseUrlOf }: Api): void {
  app.post(
    '/',
    { bodyLimit: Math.max(parts.config.bodyLimit, BUNDLE_BODY_LIMIT) },
    async (request, reply) => {
      negotiate(request);
      const bundle = request.body as { resourceType?: unknown; type?: unknown } | undefined;
      if (bundle?.resourceType !== 'Bundle' || (bundle.type !== 'batch' && bundle.type !== 'transaction'))
        throw new AppError(
          'fhir-bundle-invalid',
          'POST to the base takes a Bundle of type batch or transaction.',
        );
      const ctx = await parts.contextOf(request, reply);
      const baseUrl = baseUrlOf(request);
      const answer =
        bundle.type === 'transaction'
          ? await service.transaction(ctx, request.body as Bundle, baseUrl)
          : await service.batch(ctx, request.body as Bundle, baseUrl, request.server.problemTable);
      return sendFhir(reply, 200, answer);
    },
  );
}

/** Search (GET, and POST `_search` with a form) and create (also conditional: If-None-Exist). */
function typeRoutes(app: FastifyInstance, api: Api): void {
  const { parts, service, baseUrlOf } = api;
  app.get<{ Params: Params; Querystring: Query }>('/:type', async (request, reply) =>
    search(api, request, reply, request.params.type, request.query),
  );
  app.post<{ Params: Params; Querystring: Query }>('/:type/_search', async (request, reply) => {
    const form = (request.body ?? {}) as Query;
    if (typeof form !== 'object' || Array.isArray(form))
      throw new AppError(
        'unsupported-media-type',
        'POST _search takes a form (application/x-www-form-urlencoded).',
      );
    return search(api, request, reply, request.params.type, { ...request.query, ...form });
  });
  app.post<{ Params: Params }>('/:type', async (request, reply) => {
    const { type } = request.params;
    negotiate(request);
    knownType(type);
    const resource = resourceBody(request.body, type);
    const ctx = await parts.contextOf(request, reply);
    const condition = request.headers['if-none-exist'];
    const baseUrl = baseUrlOf(request);
    const { stored, created } =
      typeof condition === 'string' && condition !== ''
        ? await service.createIfNoneExist(ctx, resource, condition, baseUrl)
        : { stored: await service.create(ctx, resource), created: true };
    if (created) reply.header('location', `${baseUrl}/${versionPath(stored)}`);
    return written(request, reply, stored, created ? 201 : 200);
  });
}

async function search(api: Api, request: FastifyRequest, reply: FastifyReply, type: string, query: Query) {
  negotiate(request);
  knownType(type);
  const params: Query = {};
  for (const [name, value] of Object.entries(query)) if (!FORMAT_PARAMS.has(name)) params[name] = value;
  const ctx = await api.parts.contextOf(request, reply);
  const baseUrl = api.baseUrlOf(request);
  const result = await api.service.search(ctx, { resourceType: type, params, baseUrl });
  return sendFhir(reply, 200, searchsetText(result, baseUrl));
}

/** Read (with ETag and Last-Modified), update (If-Match), delete; and `Type/$operation`. */
function instanceRoutes(app: FastifyInstance, api: Api): void {
  const { parts, service } = api;
  app.get<{ Params: Params; Querystring: Query }>('/:type/:id', async (request, reply) => {
    const { type, id } = request.params;
    if (id.startsWith('$')) return operate(api, request, reply, type, undefined, id.slice(1));
    negotiate(request);
    knownType(type);
    const ctx = await parts.contextOf(request, reply);
    const stored = await service.read(ctx, type, id);
    versionHeaders(reply, stored);
    if (request.headers['if-none-match'] === reply.getHeader('etag')) return reply.code(304).send();
    return sendFhir(reply, 200, stored.content);
  });
  app.post<{ Params: Params; Querystring: Query }>('/:type/:id', async (request, reply) => {
    const { type, id } = request.params;
    if (id.startsWith('$')) return operate(api, request, reply, type, undefined, id.slice(1));
    throw new AppError('method-not-allowed', 'A resource is changed with PUT; POST creates at the type.');
  });
  app.put<{ Params: Params }>('/:type/:id', async (request, reply) => {
    const { type, id } = request.params;
    negotiate(request);
    knownType(type);
    const resource = resourceBody(request.body, type);
    if (resource.id !== id)
      throw new AppError('fhir-id-mismatch', 'The resource must carry the id of the URL (Resource.id).');
    const ctx = await parts.contextOf(request, reply);
    const ifMatch = request.headers['if-match'];
    const stored = await service.update(ctx, resource, typeof ifMatch === 'string' ? ifMatch : undefined);
    return written(request, reply, stored, 200);
  });
  app.delete<{ Params: Params }>('/:type/:id', async (request, reply) => {
    const { type, id } = request.params;
    negotiate(request);
    knownType(type);
    const ctx = await parts.contextOf(request, reply);
    await service.delete(ctx, type, id);
    return reply.code(204).send();
  });
}

/** `_history` of an instance, and vread. */
function historyRoutes(app: FastifyInstance, { parts, service, baseUrlOf }: Api): void {
  app.get<{ Params: Params; Querystring: Query }>('/:type/:id/_history', async (request, reply) => {
    const { type, id } = request.params;
    negotiate(request);
    knownType(type);
    const asked = Number(request.query._count ?? 100);
    const count = Number.isInteger(asked) && asked > 0 ? Math.min(asked, 1000) : 100;
    const ctx = await parts.contextOf(request, reply);
    const versions = await service.history(ctx, type, id, count);
    const baseUrl = baseUrlOf(request);
    return sendFhir(reply, 200, historyBundle(versions, baseUrl, `${baseUrl}/${type}/${id}/_history`));
  });
  app.get<{ Params: Params }>('/:type/:id/_history/:vid', async (request, reply) => {
    const { type, id, vid } = request.params;
    negotiate(request);
    knownType(type);
    const ctx = await parts.contextOf(request, reply);
    const stored = await service.vread(ctx, type, id, vid);
    versionHeaders(reply, stored);
    return sendFhir(reply, 200, stored.content);
  });
}

/** Instance-level operations (`Patient/123/$everything`), GET and POST. */
function operationRoutes(app: FastifyInstance, api: Api): void {
  for (const method of ['GET', 'POST'] as const)
    app.route<{ Params: Params; Querystring: Query }>({
      method,
      url: '/:type/:id/:operation',
      handler: async (request, reply) => {
        const { type, id, operation } = request.params;
        if (!operation.startsWith('$'))
          throw new AppError('route-not-found', 'There is no FHIR interaction at this path.');
        return operate(api, request, reply, type, id, operation.slice(1));
      },
    });
}

/** Dispatches `[Type/[id/]]$name` to the operation of that name, level and method. */
async function operate(
  api: Api,
  request: FastifyRequest<{ Querystring: Query }>,
  reply: FastifyReply,
  type: string,
  id: string | undefined,
  name: string,
) {
  knownType(type);
  const level = id === undefined ? 'type' : 'instance';
  const operation = api.parts.operations.find(
    (candidate) =>
      candidate.name.replace(/^\$/, '') === name &&
      candidate.resourceType === type &&
      candidate.level === level &&
      (candidate.method === 'both' || candidate.method === request.method),
  );
  if (!operation)
    throw new AppError(
      'fhir-operation-unknown',
      `There is no ${level}-level operation $${name.slice(0, 64)} on ${type}.`,
    );
  const accept = negotiate(request, ['application/pdf']);
  const ctx = await api.parts.contextOf(request, reply);
  const params: Query = {};
  for (const [key, value] of Object.entries(request.query)) if (!FORMAT_PARAMS.has(key)) params[key] = value;
  const answer = await operation.invoke({
    ctx,
    ...(id !== undefined ? { id } : {}),
    params,
    body: request.body,
    baseUrl: api.baseUrlOf(request),
    accept,
    ...(typeof request.headers['accept-language'] === 'string'
      ? { acceptLanguage: request.headers['accept-language'] }
      : {}),
  });
  const body =
    typeof answer.body === 'string' || answer.body instanceof Uint8Array
      ? answer.body
      : JSON.stringify(answer.body);
  return reply.code(answer.status).type(answer.contentType).send(body);
}

/** The methods this API takes at a path (for 405 and `Allow`), by the shape of its routes. */
export function methodsAt(url: string): string[] {
  const path = url.split('?')[0]!.slice(FHIR_BASE_PATH.length);
  const segments = path.split('/').filter((segment) => segment !== '');
  switch (segments.length) {
    case 0:
      return ['POST'];
    case 1:
      return ['GET', 'POST'];
    case 2:
      return ['GET', 'POST', 'PUT', 'DELETE'];
    case 3:
      return segments[2] === '_history' ? ['GET'] : ['GET', 'POST'];
    case 4:
      return segments[2] === '_history' ? ['GET'] : [];
    default:
      return [];
  }
}

function knownType(type: string): void {
  if (!isHeldType(type))
    throw new AppError('fhir-type-unknown', `This server holds no ${type.slice(0, 64)} resources.`);
}

/** The request body as a resource of the URL's type: a JSON object whose resourceType is `type`. */
function resourceBody(body: unknown, type: string): Resource {
  if (body === null || typeof body !== 'object' || Array.isArray(body))
    throw new AppError('fhir-resource-invalid', 'The body is not a JSON object.');
  const resourceType = (body as { resourceType?: unknown }).resourceType;
  if (typeof resourceType !== 'string')
    throw new AppError('fhir-resource-invalid', 'The body has no resourceType.');
  if (resourceType !== type)
    throw new AppError(
      'fhir-type-mismatch',
      `The URL is for ${type}, the body is a ${resourceType.slice(0, 64)}.`,
    );
  return body as Resource;
}

/** The answer to a write, as `Prefer: return=` asks: the resource, nothing, or an OperationOutcome. */
function written(
  request: FastifyRequest,
  reply: FastifyReply,
  stored: StoredResource,
  status: number,
): FastifyReply {
  versionHeaders(reply, stored);
  switch (preferredReturn(request)) {
    case 'minimal':
      return reply.code(status).send();
    case 'OperationOutcome':
      return sendFhir(reply, status, {
        resourceType: 'OperationOutcome',
        issue: [
          {
            severity: 'information',
            code: 'informational',
            diagnostics: `${status === 201 ? 'Created' : 'Stored'} ${versionPath(stored)}.`,
          },
        ],
      });
    default:
      return sendFhir(reply, status, stored.content);
  }
}
