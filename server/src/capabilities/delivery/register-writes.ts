import type { BodyOf, ResultOf, WriteContract } from '@civitas/contracts/registers/write-contract.ts';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import {
  type CallContext,
  type ExchangeClient,
  failureError,
  failureOf,
  type LocalExchange,
} from '../../exchange/index.ts';
import type { ProblemCode } from '../../kernel/index.ts';

/** Calls a register's write service (a POST) through the exchange; the answer is checked against its contract. */
export type RegisterWrite = <W extends WriteContract>(
  contract: W,
  body: BodyOf<W>,
  context: CallContext,
  missing?: ProblemCode,
) => Promise<ResultOf<W>>;

/**
 * The portal's write calls, carried by the exchange node like its lookups: signed, logged with
 * their purpose and legal basis, and visible to the data subject.
 */
export function registerWriter(
  exchange: Pick<LocalExchange, 'consume'>,
  portal: Pick<ExchangeClient, 'serviceId'>,
  client: string,
): RegisterWrite {
  return async (contract, body, context, missing) => {
    const started = performance.now();
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'x-road-client': context.client ?? client,
      'x-road-purpose': context.purpose,
      'x-road-legal-basis': context.legalBasis,
    };
    if (context.dataSubject) headers['x-road-data-subject'] = context.dataSubject;
    if (context.userId) headers['x-road-userid'] = context.userId;
    if (context.caseRef) headers['x-road-case'] = context.caseRef;
    const reply = await exchange.consume({
      method: 'POST',
      service: portal.serviceId(contract.subsystem, contract.service),
      path: contract.path,
      query: '',
      headers,
      body: Buffer.from(JSON.stringify(body), 'utf8'),
    });
    let answer: unknown = null;
    try {
      answer = JSON.parse(reply.body.toString('utf8'));
    } catch {
      answer = null;
    }
    const fault = (reply.headers['x-road-error'] as string | undefined) ?? null;
    const messageId = (reply.headers['x-road-id'] as string | undefined) ?? 'unknown';
    if (reply.status === 200 && !fault && TypeCompiler.Compile(contract.answer).Check(answer))
      return answer as ResultOf<typeof contract>;
    throw failureError(
      failureOf({
        status: reply.status,
        body: answer,
        fault,
        messageId,
        durationMs: performance.now() - started,
      }),
      missing,
    );
  };
}
