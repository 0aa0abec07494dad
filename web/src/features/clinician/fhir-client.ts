import type { Bundle, OperationOutcome, Resource } from '@medplum/fhirtypes';
import { apiFhir } from '../../shared/api/api-client.ts';
import { ApiError } from '../../shared/api/api-error.ts';

/** The FHIR API's base path. */
export const FHIR_BASE = '/fhir/R4';

/** One issue of a refusal: our stable code, the FHIR issue type, and where (a FHIRPath). */
export interface OutcomeIssue {
  /** Civitas' stable code (issue.details.coding[0].code), when the server gave one. */
  code: string | null;
  /** The FHIR issue type: required, value, code-invalid, not-found, … */
  type: string;
  /** The element concerned, e.g. `Bundle.entry[2].resource.valueQuantity.value`. */
  expression: string | null;
  diagnostics: string | null;
}

/**
 * The FHIR API refused: an ApiError (so the shared error texts describe it by its code) that also
 * carries the OperationOutcome's issues, to be shown beside the fields they name.
 */
export class FhirError extends ApiError {
  readonly issues: OutcomeIssue[];

  constructor(status: number, issues: OutcomeIssue[]) {
    const first = issues[0];
    super(
      status,
      first
        ? {
            type: 'about:blank',
            title: first.diagnostics ?? first.type,
            status,
            ...(first.code && { code: first.code }),
          }
        : null,
    );
    this.name = 'FhirError';
    this.issues = issues;
  }
}

/** The issues of an OperationOutcome (anything else: none). Only string members are trusted. */
export function outcomeIssues(body: unknown): OutcomeIssue[] {
  if (!isResource(body, 'OperationOutcome')) return [];
  const issues = (body as OperationOutcome).issue;
  if (!Array.isArray(issues)) return [];
  return issues.map((issue) => ({
    code: stringOrNull(issue.details?.coding?.[0]?.code),
    type: stringOrNull(issue.code) ?? 'processing',
    expression: stringOrNull(issue.expression?.[0]) ?? stringOrNull(issue.location?.[0]),
    diagnostics: stringOrNull(issue.diagnostics) ?? stringOrNull(issue.details?.text),
  }));
}

function stringOrNull(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

function isResource(body: unknown, type: string): boolean {
  return typeof body === 'object' && body !== null && (body as Resource).resourceType === type;
}

async function answer<T>(response: Response): Promise<T> {
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) throw new FhirError(response.status, outcomeIssues(body));
  return body as T;
}

/** Reads one resource (`GET /fhir/R4/Type/id`); a resource the doctor may not see is a 404. */
export async function fhirRead<T extends Resource>(reference: string, signal?: AbortSignal): Promise<T> {
  return answer<T>(await apiFhir('GET', `${FHIR_BASE}/${reference}`, signal ? { signal } : {}));
}

/**
 * Searches with `POST /Type/_search` and a form body: what the doctor typed (a name, a personal
 * number) stays out of URLs, and so out of the logs and the browser's history.
 */
export async function fhirSearch<T extends Resource>(
  resourceType: string,
  params: Record<string, string>,
  signal?: AbortSignal,
): Promise<{ matches: T[]; included: Resource[] }> {
  const bundle = await answer<Bundle>(
    await apiFhir('POST', `${FHIR_BASE}/${resourceType}/_search`, {
      body: new URLSearchParams(params),
      ...(signal && { signal }),
    }),
  );
  const matches: T[] = [];
  const included: Resource[] = [];
  for (const entry of bundle.entry ?? []) {
    if (!entry.resource) continue;
    if (entry.search?.mode === 'include' || entry.resource.resourceType !== resourceType)
      included.push(entry.resource);
    else matches.push(entry.resource as T);
  }
  return { matches, included };
}

/** Posts a `transaction` Bundle: all of it is written, or nothing (a refusal names the failing entry). */
export async function fhirTransaction(bundle: Bundle, signal?: AbortSignal): Promise<Bundle> {
  return answer<Bundle>(await apiFhir('POST', `${FHIR_BASE}/`, { body: bundle, ...(signal && { signal }) }));
}

/** Creates one resource (`POST /fhir/R4/Type`) and answers it as stored. */
export async function fhirCreate<T extends Resource>(resource: T, signal?: AbortSignal): Promise<T> {
  const response = await apiFhir('POST', `${FHIR_BASE}/${resource.resourceType}`, {
    body: resource,
    ...(signal && { signal }),
  });
  const stored = await answer<T | null>(response);
  if (stored && stored.resourceType === resource.resourceType) return stored;
  // `Prefer: return=minimal` servers answer only a Location.
  const location = response.headers.get('location');
  const id = location ? /\/([^/]+)\/([^/]+)(?:\/_history\/[^/]+)?$/.exec(location)?.[2] : undefined;
  return { ...resource, ...(id && { id }) };
}

/** The `Type/id` a transaction-response entry's `response.location` names (without `_history`). */
export function locationReference(location: string | undefined): string | null {
  if (!location) return null;
  const match = /(?:^|\/)([A-Z][A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})(?:\/_history\/[^/]+)?$/.exec(location);
  return match ? `${match[1]}/${match[2]}` : null;
}
