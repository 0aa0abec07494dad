import type { RequestEnvelope } from '../../protocol/envelope.ts';
import { ExchangeFault } from '../../protocol/errors.ts';
import type { Endpoint, ServiceResponse } from '../../service-definition.ts';
import type { NodeContext } from '../context.ts';

/** A register's answer with the JSON text that is signed and sent. */
export type SerialisedAnswer = ServiceResponse & { json?: string };

function isServiceResponse(value: unknown): value is ServiceResponse {
  if (typeof value !== 'object' || value === null) return false;
  const { status, body } = value as { status?: unknown; body?: unknown };
  return (
    Number.isInteger(status) && (status as number) >= 100 && (status as number) <= 599 && body !== undefined
  );
}

/** The answer's body as JSON (the bytes signed and sent), or undefined if it cannot be written so. */
function serialised(body: unknown): string | undefined {
  try {
    return JSON.stringify(body);
  } catch {
    return undefined;
  }
}

function serviceTimeout(context: NodeContext): { expired: Promise<never>; timer: NodeJS.Timeout } {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new ExchangeFault(
            'Server.ServerProxy.ServiceTimeout',
            `The register did not answer within ${context.options.serviceTimeoutMs} ms.`,
          ),
        ),
      context.options.serviceTimeoutMs,
    );
  });
  return { expired, timer: timer! };
}

/** Asks the register, within the service timeout; whatever it throws or returns amiss is a fault. */
export async function invoke(
  context: NodeContext,
  endpoint: Endpoint,
  params: Record<string, string>,
  envelope: RequestEnvelope,
  body: Buffer,
): Promise<SerialisedAnswer> {
  const timeout = serviceTimeout(context);
  try {
    const answer = await Promise.race([
      endpoint.handle(params, {
        method: envelope.method,
        path: envelope.path,
        query: new URLSearchParams(envelope.query),
        body: body.length > 0 ? body : null,
        dataSubject: envelope.dataSubject,
        caller: {
          client: envelope.client,
          purpose: envelope.purpose,
          legalBasis: envelope.legalBasis,
          userId: envelope.userId,
          representedParty: envelope.representedParty,
        },
      }),
      timeout.expired,
    ]);
    const json = isServiceResponse(answer) ? serialised(answer.body) : undefined;
    if (json === undefined) {
      throw new ExchangeFault(
        'Server.ServerProxy.InvalidServiceResponse',
        'The register returned an answer that is not a valid response.',
      );
    }
    return { ...answer, json };
  } catch (error) {
    if (error instanceof ExchangeFault) throw error;
    throw new ExchangeFault('Server.ServerProxy.ServiceFailed', 'The register failed to answer.');
  } finally {
    clearTimeout(timeout.timer);
  }
}
