import * as oauth from 'oauth4webapi';
import { dpopHandle } from '../auth/dpop-key.ts';
import { expireSession } from '../auth/expire-session.ts';
import { currentSessionStatus } from '../auth/session-store.ts';
import { ApiError, NetworkError } from './api-error.ts';
import { type DownloadedFile, downloadedFile } from './downloaded-file.ts';
import { responseError } from './response-error.ts';

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
  const DPoP =
    status.kind === 'active' && status.session.dpopKeyId ? await dpopHandle(status.session.dpopKeyId) : null;
  if (status.kind !== 'active' || !DPoP) {
    expireSession();
    throw new ApiError(401, null);
  }

  let response: Response;
  try {
    response = await sendWithProof(status.session.accessToken, DPoP, path, {
      accept,
      headers,
      signal,
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

/**
 * The request with the access token as `DPoP <token>` and a fresh proof of the session's key
 * for this method and URL (oauth4webapi makes it). A refusal that carries a WWW-Authenticate
 * challenge comes back as the response it is, to be read like any other.
 */
async function sendWithProof(
  accessToken: string,
  DPoP: oauth.DPoPHandle,
  path: string,
  { accept, headers, signal }: AuthorisedRequest,
): Promise<Response> {
  const url = new URL(path, location.origin);
  try {
    return await oauth.protectedResourceRequest(
      accessToken,
      'GET',
      url,
      new Headers({ ...headers, Accept: accept }),
      null,
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

/** GETs a JSON resource as the signed-in person. */
export async function apiGet<T>(path: string, { signal }: { signal?: AbortSignal } = {}): Promise<T> {
  const response = await authorisedGet(path, { accept: 'application/json', signal });
  return (await response.json()) as T;
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
