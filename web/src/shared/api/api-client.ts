import * as oauth from 'oauth4webapi';
import { dpopHandle } from '../auth/dpop-key.ts';
import { expireSession } from '../auth/expire-session.ts';
import { currentSessionStatus } from '../auth/session-store.ts';
import { sessionSubject } from '../auth/session-subject.ts';
import { ApiError, NetworkError } from './api-error.ts';
import { type DownloadedFile, downloadedFile } from './downloaded-file.ts';
import { responseError } from './response-error.ts';
import { saveAnswer, savedAnswer } from './saved-answers.ts';

interface AuthorisedRequest {
  accept: string;
  headers?: Record<string, string>;
  signal?: AbortSignal | undefined;
}

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

/**
 * Calls the Civitas API as the signed-in person. A missing, expired or rejected (401) token ends
 * the session and returns to the sign-in screen.
 */
async function authorisedRequest(
  method: Method,
  path: string,
  { accept, headers, signal }: AuthorisedRequest,
  body?: unknown,
): Promise<Response> {
  const status = currentSessionStatus();
  const DPoP =
    status.kind === 'active' && status.session.dpopKeyId ? await dpopHandle(status.session.dpopKeyId) : null;
  if (status.kind !== 'active' || !DPoP) {
    expireSession();
    throw new ApiError(401, null);
  }

  let response: Response;
  try {
    response = await sendWithProof(
      status.session.accessToken,
      DPoP,
      method,
      path,
      { accept, headers, signal },
      body,
    );
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new NetworkError(error);
  }

  if (!response.ok) {
    const error = await responseError(response);
    if (response.status === 401) expireSession();
    throw error;
  }
  return response;
}

/**
 * The request with the access token as `DPoP <token>` and a fresh proof of the session's key
 * for this method and URL (oauth4webapi makes it). A refusal that carries a WWW-Authenticate
 * challenge comes back as the response it is, to be read like any other.
 */
async function sendWithProof(
  accessToken: string,
  DPoP: oauth.DPoPHandle,
  method: Method,
  path: string,
  { accept, headers, signal }: AuthorisedRequest,
  body: unknown,
): Promise<Response> {
  const url = new URL(path, location.origin);
  const requestHeaders = new Headers({ ...headers, Accept: accept });
  if (body !== undefined && !requestHeaders.has('Content-Type'))
    requestHeaders.set('Content-Type', 'application/json');
  try {
    return await oauth.protectedResourceRequest(
      accessToken,
      method,
      url,
      requestHeaders,
      body === undefined ? null : body instanceof URLSearchParams ? body.toString() : JSON.stringify(body),
      {
        DPoP,
        ...(signal && { signal }),
        [oauth.allowInsecureRequests]: url.protocol === 'http:',
        // Personal data: keep it out of the HTTP cache (the service worker does not cache /api either).
        [oauth.customFetch]: (input, init) => fetch(input, { ...(init as RequestInit), cache: 'no-store' }),
      },
    );
  } catch (error) {
    if (error instanceof oauth.WWWAuthenticateChallengeError) return error.response;
    throw error;
  }
}

/** GETs a JSON resource as the signed-in person (with extra headers, e.g. a stated purpose). */
export async function apiGet<T>(
  path: string,
  { signal, headers }: { signal?: AbortSignal; headers?: Record<string, string> } = {},
): Promise<T> {
  const response = await authorisedRequest('GET', path, { accept: 'application/json', headers, signal });
  return (await response.json()) as T;
}

/** An answer, and when it was saved if it is a saved one shown offline (null: fresh from the API). */
export interface Answer<T> {
  value: T;
  savedAt: number | null;
}

/** The person whose session is active, or null. */
function signedInSubject(): string | null {
  const status = currentSessionStatus();
  return status.kind === 'active' ? sessionSubject(status.session) : null;
}

/**
 * GETs one of the signed-in person's own resources and saves the answer for them; when the API
 * cannot be reached (offline), answers with the last saved one instead, saying when it was saved.
 * Errors the API answered (a 404, a 503) are never replaced by saved data.
 */
export async function apiGetSaved<T>(
  path: string,
  { signal }: { signal?: AbortSignal } = {},
): Promise<Answer<T>> {
  const subject = signedInSubject();
  try {
    const value = await apiGet<T>(path, { signal });
    // Saved only if the same person is still signed in (not signed out while this was on its way).
    if (subject && signedInSubject() === subject) await saveAnswer(subject, path, value).catch(() => {});
    return { value, savedAt: null };
  } catch (error) {
    if (error instanceof NetworkError && subject) {
      const saved = await savedAnswer(subject, path);
      if (saved) return { value: saved.body as T, savedAt: saved.savedAt };
    }
    throw error;
  }
}

/**
 * GETs a file (e.g. a PDF) as the signed-in person. A plain link cannot carry the bearer token,
 * so the file is fetched here and handed to the caller to save.
 */
export async function apiGetFile(
  path: string,
  { accept, headers, signal }: AuthorisedRequest,
): Promise<DownloadedFile> {
  return downloadedFile(await authorisedRequest('GET', path, { accept, headers, signal }));
}

/**
 * A change (POST with a JSON body, or DELETE) as the signed-in person; refusals are thrown as for
 * reads. `headers` adds request headers (e.g. an `Idempotency-Key` that makes a retry safe).
 */
export async function apiSend(
  method: 'POST' | 'PUT' | 'DELETE',
  path: string,
  body?: unknown,
  headers?: Record<string, string>,
): Promise<Response> {
  return authorisedRequest(method, path, { accept: 'application/json', headers }, body);
}

/**
 * A FHIR interaction as the signed-in person (`application/fhir+json`, or a form body for
 * `_search`), answered with the response as it is: a refusal carries an OperationOutcome the
 * caller reads. Only a missing or rejected token (401) ends the session, as for every call.
 */
export async function apiFhir(
  method: Method,
  path: string,
  { body, signal }: { body?: object | URLSearchParams; signal?: AbortSignal } = {},
): Promise<Response> {
  const status = currentSessionStatus();
  const DPoP =
    status.kind === 'active' && status.session.dpopKeyId ? await dpopHandle(status.session.dpopKeyId) : null;
  if (status.kind !== 'active' || !DPoP) {
    expireSession();
    throw new ApiError(401, null);
  }
  const headers: Record<string, string> = {};
  if (body !== undefined)
    headers['Content-Type'] =
      body instanceof URLSearchParams ? 'application/x-www-form-urlencoded' : 'application/fhir+json';
  let response: Response;
  try {
    response = await sendWithProof(
      status.session.accessToken,
      DPoP,
      method,
      path,
      { accept: 'application/fhir+json', headers, signal },
      body,
    );
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new NetworkError(error);
  }
  if (response.status === 401) {
    expireSession();
    throw await responseError(response);
  }
  return response;
}
