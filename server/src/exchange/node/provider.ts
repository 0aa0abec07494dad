import { httpErrors } from '../../http/errors.ts';
import { formatPair } from '../../kernel/purposes.ts';
import { openEnvelope } from '../protocol/batch-signing.ts';
import { type RequestEnvelope, type ResponseEnvelope, sha256 } from '../protocol/envelope.ts';
import { ExchangeFault, type ExchangeFaultBody } from '../protocol/errors.ts';
import { matchEndpoint, problemAnswer, type ServiceResponse } from '../service-definition.ts';
import {
  type NodeContext,
  type NodeMessage,
  type NodeReply,
  REQUEST_SIGNATURE_TYPE,
  RESPONSE_HEADER,
  RESPONSE_SIGNATURE_TYPE,
} from './context.ts';
import { type MessageRecord, messageRecord } from './message-log.ts';
import { MESSAGE_MAX_AGE_MS } from './replay-guard.ts';

/** Who sent the message: a verified peer certificate, or this very node (in-process delivery). */
export type MessageSender = { kind: 'peer'; certificatePem: string | null } | { kind: 'self' };

/**
 * The provider's node (X-Road's server proxy): admits a message only from a registered node,
 * signed by the client's member, fresh, used once, and covered by an access right for its
 * purpose and legal basis; then asks the register and signs the answer.
 */
export async function provide(
  context: NodeContext,
  sender: MessageSender,
  message: NodeMessage,
): Promise<NodeReply> {
  const started = Date.now();
  let envelope: RequestEnvelope | null = null;
  let requestHash: string | null = null;
  try {
    const conf = context.trust.conf('provider');
    const senderNode =
      sender.kind === 'self'
        ? context.trust.nodeId
        : await context.trust.peerNode(conf, sender.certificatePem);
    // The client named in the request, read before verification only to pick the keys.
    const opened = openEnvelope(message.requestJws);
    const named = (opened?.unverified as { client?: unknown } | null | undefined)?.client;
    const unverified = typeof named === 'string' ? named : null;
    const clientMember = unverified?.split('/').slice(0, 3).join('/') ?? '';
    const keys = await context.trust.verificationKeys(conf, clientMember);
    const verified = opened
      ? context.trust.verifier.verifyOpened<RequestEnvelope>(opened, keys, REQUEST_SIGNATURE_TYPE)
      : null;
    envelope = verified?.envelope ?? null;
    if (!verified || !envelope || envelope.client !== unverified) {
      throw new ExchangeFault(
        'Server.ServerProxy.InvalidSignature',
        "The request's signature does not verify with the client member's registered keys.",
      );
    }
    // The hash of exactly the bytes the client signed: the consumer's node computed the same.
    requestHash = verified.hash;
    if (sha256(message.body) !== envelope.bodyHash) {
      throw new ExchangeFault(
        'Server.ServerProxy.InvalidSignature',
        'The request body does not match its signed hash.',
      );
    }
    const age = started - Date.parse(envelope.createdAt);
    if (!(Math.abs(age) <= MESSAGE_MAX_AGE_MS)) {
      throw new ExchangeFault(
        'Server.ServerProxy.StaleMessage',
        'The request is too old (or from the future) to be accepted.',
      );
    }
    const sendingNode = conf.nodes.find((node) => node.id === senderNode);
    if (!sendingNode?.members.includes(clientMember)) {
      throw new ExchangeFault(
        'Server.ServerProxy.SslAuthenticationFailed',
        'The client is not hosted on the node that sent the request.',
      );
    }
    const service = context.services.get(envelope.service);
    const providerMember = envelope.service.split('/').slice(0, 3).join('/');
    const signer = context.trust.signerFor(providerMember);
    if (!service || !signer) {
      throw new ExchangeFault(
        'Server.ServerProxy.UnknownService',
        `This node does not provide ${envelope.service}.`,
      );
    }
    if (!context.replay.firstUse(envelope.client, envelope.id)) {
      throw new ExchangeFault(
        'Server.ServerProxy.DuplicateMessageId',
        `The message id ${envelope.id} was already used by this client.`,
      );
    }
    const matched = matchEndpoint(service, envelope.method, envelope.path);
    let answer: ServiceResponse & { json?: string };
    if (!matched) {
      answer = problemAnswer(
        httpErrors,
        'route-not-found',
        `${envelope.method} ${envelope.path} is not an endpoint of ${envelope.service}.`,
      );
    } else {
      if (matched.endpoint.personalData && !envelope.dataSubject && !matched.endpoint.subjectOfAnswer) {
        throw new ExchangeFault(
          'Client.MissingDataSubject',
          'This endpoint returns personal data: name the data subject (X-Road-Data-Subject).',
        );
      }
      const decision = await context.rights.check({
        client: envelope.client,
        clientGroups: conf.globalGroups
          .filter((group) => group.members.includes(envelope!.client))
          .map((group) => group.code),
        service: envelope.service,
        method: envelope.method,
        path: envelope.path,
        purpose: envelope.purpose,
        legalBasis: envelope.legalBasis,
      });
      if (!decision.allowed) {
        if (decision.reason === 'no-right') {
          throw new ExchangeFault(
            'Server.ServerProxy.AccessDenied',
            `${envelope.client} has no access right to ${envelope.service}.`,
          );
        }
        const listed = (decision.granted ?? []).map(formatPair).join('; ');
        throw decision.reason === 'purpose'
          ? new ExchangeFault(
              'Server.ServerProxy.PurposeNotAllowed',
              `The purpose "${envelope.purpose}" is not granted; granted (purpose @ legal basis): ${listed}.`,
            )
          : new ExchangeFault(
              'Server.ServerProxy.LegalBasisNotAllowed',
              `The purpose "${envelope.purpose}" is not granted on the legal basis "${envelope.legalBasis}"; granted (purpose @ legal basis): ${listed}.`,
            );
      }
      answer = await invoke(
        context,
        matched.endpoint.handle.bind(matched.endpoint),
        matched.params,
        envelope,
        message.body,
      );
      if (!envelope.dataSubject && matched.endpoint.subjectOfAnswer && answer.status < 400) {
        // The register names whom its answer is about; the log records it as the data subject.
        const named = matched.endpoint.subjectOfAnswer(answer.body);
        if (named) envelope = { ...envelope, dataSubject: named };
      }
    }
    const body = Buffer.from(answer.json ?? JSON.stringify(answer.body));
    const responseEnvelope: ResponseEnvelope = {
      v: 1,
      requestId: envelope.id,
      requestHash,
      status: answer.status,
      contentType: answer.status >= 400 ? 'application/problem+json' : 'application/json',
      bodyHash: sha256(body),
      createdAt: new Date().toISOString(),
    };
    const { token: responseJws, hash: responseHash } = await context.trust
      .envelopeSigner(providerMember, RESPONSE_SIGNATURE_TYPE)!
      .signWithHash(responseEnvelope);
    const providerRecord = logRecord(context, envelope, message, started, {
      status: answer.status,
      requestHash,
      responseHash,
      responseSignature: responseJws,
      responseBody: body,
    });
    if (sender.kind === 'peer') await context.log.append(providerRecord);
    return {
      status: answer.status,
      headers: {
        'content-type': `${responseEnvelope.contentType}; charset=utf-8`,
        [RESPONSE_HEADER]: responseJws,
        'x-road-request-hash': requestHash,
        'x-road-id': envelope.id,
      },
      body,
      ...(sender.kind === 'self' ? { providerRecord } : {}),
    };
  } catch (error) {
    const fault =
      error instanceof ExchangeFault
        ? error
        : new ExchangeFault(
            'Server.ServerProxy.InternalError',
            'The provider node failed to process the message.',
          );
    const body = faultBody(fault, envelope?.id ?? 'unknown');
    const providerRecord = logRecord(context, envelope, message, started, {
      status: fault.status,
      errorType: fault.type,
      requestHash,
      responseBody: body,
    });
    if (sender.kind === 'peer') await context.log.append(providerRecord).catch(() => {});
    if (!(error instanceof ExchangeFault)) context.report(error);
    return {
      status: fault.status,
      headers: { 'content-type': 'application/json', 'x-road-error': fault.type },
      body,
      ...(sender.kind === 'self' ? { providerRecord } : {}),
    };
  }
}

async function invoke(
  context: NodeContext,
  handle: (
    params: Record<string, string>,
    request: Parameters<NonNullable<ReturnType<typeof matchEndpoint>>['endpoint']['handle']>[1],
  ) => Promise<ServiceResponse>,
  params: Record<string, string>,
  envelope: RequestEnvelope,
  body: Buffer,
): Promise<ServiceResponse & { json?: string }> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
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
  try {
    const answer = await Promise.race([
      handle(params, {
        method: envelope.method,
        path: envelope.path,
        query: new URLSearchParams(envelope.query),
        body: body.length > 0 ? body : null,
        dataSubject: envelope.dataSubject,
      }),
      timeout,
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
    clearTimeout(timer);
  }
}

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

export function faultBody(fault: ExchangeFault, messageId: string): Buffer {
  const body: ExchangeFaultBody = { type: fault.type, message: fault.message, detail: messageId };
  return Buffer.from(JSON.stringify(body));
}

interface Outcome {
  status: number;
  errorType?: string;
  requestHash: string | null;
  responseHash?: string;
  responseSignature?: string;
  responseBody: Buffer;
}

function logRecord(
  context: NodeContext,
  envelope: RequestEnvelope | null,
  message: NodeMessage,
  started: number,
  outcome: Outcome,
): MessageRecord {
  return messageRecord({
    side: 'provider',
    nodeId: context.trust.nodeId,
    envelope,
    requestSignature: message.requestJws,
    requestBytes: message.body.length,
    requestBody: message.body,
    status: outcome.status,
    errorType: outcome.errorType,
    requestHash: outcome.requestHash,
    responseHash: outcome.responseHash,
    responseSignature: outcome.responseSignature,
    responseBody: outcome.responseBody,
    started,
  });
}
