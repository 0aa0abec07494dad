import { expireSession } from '../auth/expire-session.ts';
import { currentSessionStatus } from '../auth/session-store.ts';
import { ApiError, NetworkError } from './api-error.ts';
import { parseProblem } from './problem.ts';

/**
 * GETs a JSON resource of the Civitas API as the signed-in person. A missing, expired or
 * rejected (401) token ends the session and returns to the sign-in screen.
 */
export async function apiGet<T>(path: string, { signal }: { signal?: AbortSignal } = {}): Promise<T> {
  const status = currentSessionStatus();
  if (status.kind !== 'active') {
    expireSession();
    throw new ApiError(401, null);
  }

  let response: Response;
  try {
    response = await fetch(path, {
      headers: { Accept: 'application/json', Authorization: `Bearer ${status.session.accessToken}` },
      // Personal data: keep it out of the HTTP cache (the service worker does not cache /api either).
      cache: 'no-store',
      signal: signal ?? null,
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new NetworkError(error);
  }

  if (!response.ok) {
    const body = await response.text().catch(() => '');
    const error = new ApiError(
      response.status,
      parseProblem(response.status, response.headers.get('content-type'), body),
    );
    if (response.status === 401) expireSession();
    throw error;
  }
  return (await response.json()) as T;
}
