import type { OperationOutcome, OperationOutcomeIssue } from '@medplum/fhirtypes';
import type { ErrorFormat } from '../../../http/index.ts';
import { AppError, type ErrorTable } from '../../../kernel/index.ts';
import type { ValidationIssue } from '../ports.ts';
import { FHIR_JSON } from './http.ts';

/** The code system of our stable problem codes in `OperationOutcome.issue[].details.coding`. */
export const PROBLEM_SYSTEM = 'https://civitas.example/fhir/CodeSystem/problem';

/** The OperationOutcome issue type (R4 `issue-type`) an HTTP status stands for. */
const ISSUE_TYPES: Readonly<Record<number, OperationOutcomeIssue['code']>> = {
  400: 'invalid',
  401: 'login',
  403: 'forbidden',
  404: 'not-found',
  405: 'not-supported',
  406: 'not-supported',
  408: 'timeout',
  409: 'conflict',
  410: 'deleted',
  412: 'conflict',
  413: 'too-costly',
  414: 'too-long',
  415: 'not-supported',
  422: 'processing',
  429: 'throttled',
  431: 'too-long',
  503: 'transient',
};

/** Fastify's own refusals, as the platform's codes (the same mapping as http/problem.ts). */
const FASTIFY_CODES: Readonly<Record<string, string>> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload-too-large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported-media-type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'malformed-body',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'malformed-body',
  FST_ERR_CTP_INVALID_JSON_BODY: 'malformed-body',
  FST_ERR_VALIDATION: 'validation-failed',
};

const STATUS_CODES: Readonly<Record<number, string>> = {
  400: 'malformed-body',
  404: 'route-not-found',
  405: 'method-not-allowed',
  406: 'not-acceptable',
  408: 'request-timeout',
  413: 'payload-too-large',
  414: 'uri-too-long',
  415: 'unsupported-media-type',
  429: 'rate-limited',
  431: 'headers-too-large',
};

export interface Outcome {
  status: number;
  code: string;
  outcome: OperationOutcome;
}

/**
 * The OperationOutcome of one of our codes: its first issue carries the code (and the title as
 * text), the occurrence's detail as `diagnostics`; a validation failure adds one issue per
 * finding; a failing Bundle entry is named by `expression` `Bundle.entry[i]`.
 */
export function renderOutcome(
  table: ErrorTable,
  code: string,
  detail?: string,
  extensions: Record<string, unknown> = {},
): Outcome {
  const definition = table[code];
  if (!definition) return renderOutcome(table, 'internal', `The error code ${code} is not declared.`);
  const { status, title } = definition;
  const entry = typeof extensions.entry === 'number' ? extensions.entry : undefined;
  const at = (expression?: string) =>
    entry === undefined
      ? expression
      : expression
        ? `Bundle.entry[${entry}].resource.${expression}`
        : `Bundle.entry[${entry}]`;
  const where = at();
  const first: OperationOutcomeIssue = {
    severity: status >= 500 ? 'fatal' : 'error',
    code: ISSUE_TYPES[status] ?? (status >= 500 ? 'exception' : 'invalid'),
    details: { coding: [{ system: PROBLEM_SYSTEM, code }], text: title },
    ...(detail && detail !== title ? { diagnostics: detail } : {}),
    ...(where ? { expression: [where] } : {}),
  };
  const findings = Array.isArray(extensions.issues) ? (extensions.issues as ValidationIssue[]) : [];
  const issues = findings.map(
    (finding): OperationOutcomeIssue => ({
      severity: finding.severity,
      code: finding.code as OperationOutcomeIssue['code'],
      diagnostics: finding.diagnostics,
      ...(finding.expression ? { expression: [at(finding.expression) ?? finding.expression] } : {}),
    }),
  );
  return { status, code, outcome: { resourceType: 'OperationOutcome', issue: [first, ...issues] } };
}

/**
 * Any error as an OperationOutcome: ours with their code, Fastify's refusals as the platform's
 * codes, anything else as `internal` (logged by the caller; never a stack trace to the client).
 */
export function outcomeOfError(table: ErrorTable, error: unknown, requestId?: string): Outcome {
  if (error instanceof AppError) return renderOutcome(table, error.code, error.detail, error.extensions);
  const fastify = error as { code?: string; statusCode?: number; message?: string; validation?: unknown };
  if (fastify.validation) return renderOutcome(table, 'validation-failed', fastify.message);
  const mapped =
    (fastify.code && FASTIFY_CODES[fastify.code]) ||
    (fastify.statusCode && fastify.statusCode < 500 ? STATUS_CODES[fastify.statusCode] : undefined);
  if (mapped) return renderOutcome(table, mapped, fastify.message);
  return renderOutcome(
    table,
    'internal',
    `Something went wrong on our side.${requestId ? ` Reference: ${requestId}.` : ''}`,
  );
}

/** Whether an error is a fault of ours (to be logged in full), not a refusal of the request. */
export function isServerFault(error: unknown): boolean {
  if (error instanceof AppError) return false;
  const fastify = error as { code?: string; statusCode?: number; validation?: unknown };
  if (fastify.validation) return false;
  if (fastify.code && FASTIFY_CODES[fastify.code]) return false;
  return !(fastify.statusCode && fastify.statusCode < 500 && STATUS_CODES[fastify.statusCode]);
}

/**
 * The platform's errors as OperationOutcomes, for what answers under `/fhir` outside the API's
 * own scope: Node's HTTP parser (an unknown method, a broken chunked body), Fastify's router (a
 * malformed percent-encoding), the root's 404 (`/fhir/R5`), the shutdown guard.
 */
export const outcomeFormat: ErrorFormat = {
  contentType: `${FHIR_JSON}; charset=utf-8`,
  render(table, code, detail, extensions) {
    const { status, outcome } = renderOutcome(table, code, detail, extensions);
    return { status, body: JSON.stringify(outcome) };
  },
};
