import type {
  ConsistencyProof,
  InclusionProof,
  LogWitnesses,
} from '@civitas/contracts/api/transparency-log.ts';
import { ApiError, NetworkError } from './api-error.ts';
import { parseProblem } from './problem.ts';

/**
 * The public transparency log's read API. No token: anyone may read the log, and what it
 * answers is checked in the browser rather than trusted.
 */
export function fetchLogWitnesses(signal: AbortSignal): Promise<LogWitnesses> {
  return logGet('/log/witnesses', signal).then((response) => response.json() as Promise<LogWitnesses>);
}

/** The latest checkpoint: a signed note, as text. */
export function fetchCheckpoint(signal: AbortSignal): Promise<string> {
  return logGet('/log/checkpoint', signal).then((response) => response.text());
}

export function fetchInclusionProof(
  index: number,
  size: number,
  signal: AbortSignal,
): Promise<InclusionProof> {
  return logGet(`/log/proof/inclusion?index=${index}&size=${size}`, signal).then(
    (response) => response.json() as Promise<InclusionProof>,
  );
}

async function logGet(path: string, signal: AbortSignal): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(path, { cache: 'no-cache', signal });
  } catch (error) {
    if (signal.aborted) throw error;
    throw new NetworkError(error);
  }
  if (!response.ok) {
    const body = await response.text().catch(() => '');
    throw new ApiError(
      response.status,
      parseProblem(response.status, response.headers.get('content-type'), body),
    );
  }
  return response;
}

/** An RFC 9162 consistency proof between the trees of `from` and `to` entries (hashes in base64). */
export function fetchConsistencyProof(
  from: number,
  to: number,
  signal: AbortSignal,
): Promise<ConsistencyProof> {
  return logGet(`/log/proof/consistency?from=${from}&to=${to}`, signal).then(
    (response) => response.json() as Promise<ConsistencyProof>,
  );
}
