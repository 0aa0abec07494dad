import { type CallContext, type ExchangeAnswer, type ExchangeClient, failureOf } from './client.ts';

export interface SourceRequest {
  /** The caller's name for this source, e.g. `population`. */
  key: string;
  service: string;
  path: string;
}

export type SourceOutcome =
  | {
      key: string;
      service: string;
      status: 'ok';
      answer: ExchangeAnswer;
      durationMs: number;
      fetchedAt: string;
    }
  | {
      key: string;
      service: string;
      status: 'timeout' | 'failed';
      error: string;
      answer: ExchangeAnswer | null;
      durationMs: number;
      fetchedAt: string;
    };

/**
 * Once-only: asks many registers at once for one purpose, each with its own deadline, and
 * returns what answered and which sources did not. One slow register never holds up the rest,
 * and a source that failed is reported, never silently left out.
 */
export async function askRegisters(
  client: Pick<ExchangeClient, 'get'>,
  requests: readonly SourceRequest[],
  context: CallContext,
  timeoutMs: number,
): Promise<SourceOutcome[]> {
  return Promise.all(
    requests.map(async (request): Promise<SourceOutcome> => {
      const started = performance.now();
      const fetchedAt = new Date().toISOString();
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), timeoutMs);
      });
      try {
        const answer = await Promise.race([client.get(request.service, request.path, context), deadline]);
        const durationMs = Math.round(performance.now() - started);
        if (answer === 'timeout') {
          return {
            ...request,
            status: 'timeout',
            error: `The register did not answer within ${timeoutMs} ms.`,
            answer: null,
            durationMs,
            fetchedAt,
          };
        }
        if (answer.status === 200) return { ...request, status: 'ok', answer, durationMs, fetchedAt };
        const failure = failureOf(answer);
        return {
          ...request,
          status: failure.kind === 'timeout' ? 'timeout' : 'failed',
          error: failure.detail,
          answer,
          durationMs,
          fetchedAt,
        };
      } finally {
        clearTimeout(timer);
      }
    }),
  );
}
