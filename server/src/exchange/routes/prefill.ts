import { type Static, Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { LocalExchange } from '../local-node.ts';

const PrefillBody = Type.Object(
  {
    dataSubject: Type.Optional(Type.String({ maxLength: 64 })),
    timeoutMs: Type.Optional(Type.Integer({ minimum: 50, maximum: 30_000 })),
    requests: Type.Array(
      Type.Object(
        {
          key: Type.String({ minLength: 1, maxLength: 64 }),
          service: Type.String({ maxLength: 300 }),
          path: Type.String({ maxLength: 500, pattern: '^/' }),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 20 },
    ),
  },
  { additionalProperties: false },
);
type PrefillItem = Static<typeof PrefillBody>['requests'][number];

function parsedJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    return null;
  }
}

/** One register's answer, or `timeout` when it did not come within `timeoutMs`. */
async function askOne(
  exchange: LocalExchange,
  item: PrefillItem,
  headers: FastifyRequest['headers'],
  timeoutMs: number,
) {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), timeoutMs);
  });
  const answer = await Promise.race([
    exchange.consume({
      method: 'GET',
      service: item.service,
      path: item.path,
      query: '',
      headers,
      body: Buffer.alloc(0),
    }),
    deadline,
  ]);
  clearTimeout(timer);
  const durationMs = Math.round(performance.now() - started);
  if (!answer) return { key: item.key, service: item.service, status: 'timeout' as const, durationMs };
  const fault = answer.headers['x-road-error'];
  return {
    key: item.key,
    service: item.service,
    status: answer.status === 200 ? ('ok' as const) : ('failed' as const),
    httpStatus: answer.status,
    messageId: answer.headers['x-road-id'],
    ...(fault ? { fault } : {}),
    body: parsedJson(answer.body),
    durationMs,
  };
}

/**
 * Once-only: many register services for one data subject in one request, in parallel. The
 * caller's X-Road headers apply to every request; the answer lists which ones failed.
 */
export function prefillRoute(
  app: FastifyInstance,
  exchange: LocalExchange,
  admit: (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>,
): void {
  app.post(
    '/exchange/prefill',
    {
      onRequest: admit,
      schema: {
        tags: ['exchange'],
        summary:
          'Once-only: many register services for one data subject in one request, in parallel (X-Road headers apply)',
        body: PrefillBody,
      },
    },
    async (request) => {
      const body = request.body as Static<typeof PrefillBody>;
      const headers = {
        ...request.headers,
        ...(body.dataSubject ? { 'x-road-data-subject': body.dataSubject } : {}),
      };
      const timeoutMs = body.timeoutMs ?? 3_000;
      const results = await Promise.all(
        body.requests.map((item) => askOne(exchange, item, headers, timeoutMs)),
      );
      return {
        results,
        failed: results.filter((result) => result.status !== 'ok').map((result) => result.key),
      };
    },
  );
}
