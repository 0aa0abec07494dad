import type { Server } from 'node:http';
import type { FastifyInstance } from 'fastify';
import type { ErrorTable, ProblemCode } from '../kernel/index.ts';

/**
 * How errors are written under a path that speaks a standard of its own (FHIR's OperationOutcome
 * under `/fhir`) instead of problem+json. The code, status and detail are the same; only the body
 * and its media type differ.
 */
export interface ErrorFormat {
  /** The media type of the answer, with its charset. */
  contentType: string;
  /** The answer's status and body for one of the table's codes. */
  render(
    table: ErrorTable,
    code: ProblemCode,
    detail: string | undefined,
    extensions: Record<string, unknown>,
  ): { status: number; body: string };
}

/**
 * By HTTP server (one per platform, shared by every plugin scope): the formats and the paths they
 * cover. What answers before any route's scope runs (Node's parser, Fastify's router, the root's
 * 404 and error handler, the shutdown guard) asks here, so a path's format holds for every answer.
 */
const formats = new WeakMap<Server, Array<{ prefix: string; format: ErrorFormat }>>();

/** Errors at `prefix` and under it (`/fhir`, `/fhir/…`, not `/fhirx`) are written in `format`. */
export function useErrorFormatUnder(app: FastifyInstance, prefix: string, format: ErrorFormat): void {
  const list = formats.get(app.server) ?? [];
  formats.set(app.server, [...list.filter((entry) => entry.prefix !== prefix), { prefix, format }]);
}

/** The format of errors at this URL (path and query, as sent), or undefined for problem+json. */
export function errorFormatAt(server: Server, url: string | undefined): ErrorFormat | undefined {
  if (url === undefined) return undefined;
  const path = url.split('?')[0]!;
  let found: { prefix: string; format: ErrorFormat } | undefined;
  for (const entry of formats.get(server) ?? [])
    if (
      (path === entry.prefix || path.startsWith(`${entry.prefix}/`)) &&
      entry.prefix.length > (found?.prefix.length ?? -1)
    )
      found = entry;
  return found?.format;
}
