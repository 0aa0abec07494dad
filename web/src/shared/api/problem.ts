/** An RFC 9457 problem detail, reduced to the members we show or branch on. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  /** Civitas' stable error code, e.g. 'token-expired'. */
  code?: string;
  /** A form's errors, each at its field path (`eservice-form-invalid`). */
  errors?: Array<{ field: string; keyword: string }>;
}

const PROBLEM_MEDIA_TYPE = 'application/problem+json';

/**
 * Reads an error response body as a problem. Returns null when it is not one (an HTML page from
 * a proxy, an empty body, malformed JSON), so callers show their own message and never raw text.
 * Only string members are kept: a body is never trusted to be well-formed.
 */
export function parseProblem(httpStatus: number, contentType: string | null, body: string): Problem | null {
  const mediaType = contentType?.split(';')[0]?.trim().toLowerCase();
  if (mediaType !== PROBLEM_MEDIA_TYPE && mediaType !== 'application/json') return null;

  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;

  const members = value as Record<string, unknown>;
  const title = nonEmptyString(members.title);
  if (!title) return null;

  const problem: Problem = {
    type: nonEmptyString(members.type) ?? 'about:blank',
    title,
    status: Number.isInteger(members.status) ? (members.status as number) : httpStatus,
  };
  const detail = nonEmptyString(members.detail);
  if (detail) problem.detail = detail;
  const code = nonEmptyString(members.code);
  if (code) problem.code = code;
  const errors = fieldErrors(members.errors);
  if (errors.length > 0) problem.errors = errors;
  return problem;
}

function nonEmptyString(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

/** The `errors` member's well-formed entries (field path and keyword strings) only. */
function fieldErrors(value: unknown): Array<{ field: string; keyword: string }> {
  if (!Array.isArray(value)) return [];
  return value.flatMap((entry: unknown) => {
    if (typeof entry !== 'object' || entry === null) return [];
    const { field, keyword } = entry as Record<string, unknown>;
    return typeof field === 'string' && typeof keyword === 'string' ? [{ field, keyword }] : [];
  });
}
