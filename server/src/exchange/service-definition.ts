import { renderProblem } from '../http/index.ts';
import type { ErrorTable, ProblemCode } from '../kernel/index.ts';
import { exchangeErrors } from './errors.ts';
/**
 * How a register offers a service through the exchange: a few REST endpoints under the
 * service's path, each a small handler over the register's own queries.
 */
export interface ServiceRequest {
  method: string;
  /** The path after the service code, e.g. `/8503146922/addresses`; `/` when none. */
  path: string;
  query: URLSearchParams;
  body: Buffer | null;
  dataSubject: string | null;
  /**
   * Who asks, as the signed request says (the exchange has checked that the client holds this
   * purpose and legal basis on the service): for a register whose answer depends on it (the
   * health record leaves out what a patient hid from third parties, not from the patient).
   * Null when the register is called outside the exchange (tests).
   */
  caller: ServiceCaller | null;
}

export interface ServiceCaller {
  /** The client subsystem (`instance/class/member/subsystem`). */
  client: string;
  purpose: string;
  legalBasis: string;
  /** The person on whose behalf the client asks (`X-Road-UserId`), if any. */
  userId: string | null;
  /**
   * The party the user acts for (`X-Road-Represented-Party`), which the provider's node has
   * checked the user may represent; null when none was named.
   */
  representedParty?: string | null;
}

export interface ServiceResponse {
  status: number;
  body: unknown;
}

export interface Endpoint {
  method: 'GET' | 'POST';
  /** Path template with `{name}` parameters, e.g. `/{egn}/addresses`. */
  path: string;
  summary: string;
  /** True when the answer is about a person: the request must then name its data subject. */
  personalData: boolean;
  /**
   * For personal data the caller cannot name in advance (e.g. a vehicle's registration history,
   * whose subject is its current owner): the register names the subject from its answer, the
   * provider's node logs it, and the request need not carry `X-Road-Data-Subject`.
   */
  subjectOfAnswer?: (body: unknown) => string | null;
  /** The answer's JSON Schema (its contract's), published in the service's OpenAPI description. */
  answer?: object;
  /** A write service's request body's JSON Schema (its contract's), published likewise. */
  body?: object;
  handle(params: Record<string, string>, request: ServiceRequest): Promise<ServiceResponse>;
}

export interface ExchangeServiceDefinition {
  subsystem: string;
  code: string;
  name: string;
  description: string;
  endpoints: Endpoint[];
}

export function matchEndpoint(
  definition: ExchangeServiceDefinition,
  method: string,
  path: string,
): { endpoint: Endpoint; params: Record<string, string> } | null {
  const segments = splitPath(path);
  for (const endpoint of definition.endpoints) {
    if (endpoint.method !== method) continue;
    const template = splitPath(endpoint.path);
    if (template.length !== segments.length) continue;
    const params: Record<string, string> = {};
    const matches = template.every((part, index) => {
      const segment = segments[index]!;
      if (part.startsWith('{') && part.endsWith('}')) {
        params[part.slice(1, -1)] = segment;
        return true;
      }
      return part === segment;
    });
    if (matches) return { endpoint, params };
  }
  return null;
}

function splitPath(path: string): string[] {
  return path
    .split('/')
    .filter((part) => part.length > 0)
    .map((part) => {
      try {
        return decodeURIComponent(part);
      } catch {
        return part;
      }
    });
}

/** A register's answer when the thing asked for does not exist (passes through the exchange unchanged). */
export function notFound(detail: string): ServiceResponse {
  return problemAnswer(exchangeErrors, 'not-found', detail);
}

/** A register's refusal, as the problem+json of one of its context's codes (`table`). */
export function problemAnswer(table: ErrorTable, code: ProblemCode, detail: string): ServiceResponse {
  const body = renderProblem(table, code, detail);
  return { status: body.status, body };
}

export function ok(body: unknown): ServiceResponse {
  return { status: 200, body };
}

/** The service's OpenAPI 3.1 description, for the directory's getOpenAPI. */
export function openApiOf(definition: ExchangeServiceDefinition, serviceId: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const endpoint of definition.endpoints) {
    const parameters = [...endpoint.path.matchAll(/\{([^}]+)\}/g)].map((match) => ({
      name: match[1],
      in: 'path',
      required: true,
      schema: { type: 'string' },
    }));
    paths[endpoint.path] ??= {};
    paths[endpoint.path]![endpoint.method.toLowerCase()] = {
      summary: endpoint.summary,
      parameters,
      ...(endpoint.body && {
        requestBody: { required: true, content: { 'application/json': { schema: endpoint.body } } },
      }),
      responses: {
        '200': {
          description: 'The register answered',
          content: { 'application/json': endpoint.answer ? { schema: endpoint.answer } : {} },
        },
        '404': { description: 'Not in the register', content: { 'application/problem+json': {} } },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: definition.name, description: definition.description, version: '1' },
    servers: [{ url: `/r1/${serviceId}` }],
    paths,
  };
}
