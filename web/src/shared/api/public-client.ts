import { NetworkError } from './api-error.ts';
import { responseError } from './response-error.ts';

interface PublicRequest {
  method?: 'GET' | 'POST';
  accept: string;
  /** Sent as is: a JSON string, or file bytes. */
  body?: BodyInit;
  contentType?: string;
  headers?: Record<string, string>;
  signal?: AbortSignal | undefined;
}

/**
 * A request to a public endpoint of the API (the vehicle report service, report verification).
 * It never carries the bearer token, even when someone is signed in: these answers are the
 * same for everyone. Resolves with a successful response; throws ApiError or NetworkError.
 */
export async function publicFetch(path: string, request: PublicRequest): Promise<Response> {
  const { method = 'GET', accept, body, contentType, headers, signal } = request;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers: { ...headers, Accept: accept, ...(contentType ? { 'Content-Type': contentType } : {}) },
      ...(body === undefined ? {} : { body }),
      cache: 'no-store',
      credentials: 'omit',
      signal: signal ?? null,
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new NetworkError(error);
  }
  if (!response.ok) throw await responseError(response);
  return response;
}
