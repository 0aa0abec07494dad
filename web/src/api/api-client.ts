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

/**
 * GETs a resource of the Civitas API as the signed-in person. A missing, expired or rejected
 * (401) token ends the session and returns to the sign-in screen.
 */
async function authorisedGet(
  path: string,
  { accept, headers, signal }: AuthorisedRequest,
): Promise<Response> {
  const status = currentSessionStatus();
  if (status.kind !== 'active') {
    expireSession();
    throw new ApiError(401, null);
  }

  let response: Response;
  try {
    response = await fetch(path, {
      headers: { ...headers, Accept: accept, Authorization: `Bearer ${status.session.accessToken}` },
      // Personal data: keep it out of the HTTP cache (the service worker does not cache /api either).
      cache: 'no-store',
      signal: signal ?? null,
    });
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

/** GETs a JSON resource as the signed-in person (with extra headers, e.g. a stated purpose). */
export async function apiGet<T>(
  path: string,
  { signal, headers }: { signal?: AbortSignal; headers?: Record<string, string> } = {},
): Promise<T> {
  const response = await authorisedGet(path, { accept: 'application/json', headers, signal });
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
  return downloadedFile(await authorisedGet(path, { accept, headers, signal }));
}
