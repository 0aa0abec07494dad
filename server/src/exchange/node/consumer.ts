import crypto from 'node:crypto';
import { isRowFault } from '../../db/group-commit.ts';
import { controlCharacterIndex } from '../../http/control-characters.ts';
import { memberIdOf, parseServiceId, parseSubsystemId, serviceIdOf, subsystemIdOf } from '../ids.ts';
import { envelopeHash, type RequestEnvelope, type ResponseEnvelope, sha256 } from '../protocol/envelope.ts';
import { ExchangeFault, isExchangeFaultType } from '../protocol/errors.ts';
import {
  type NodeContext,
  type NodeReply,
  REQUEST_SIGNATURE_TYPE,
  RESPONSE_HEADER,
  RESPONSE_SIGNATURE_TYPE,
} from './context.ts';
import { type MessageRecord, messageRecord } from './message-log.ts';
import { faultBody } from './provider.ts';

/** A client information system's call to its own node, as the X-Road REST protocol has it. */
export interface ClientRequest {
  method: string;
  /** `BG/GOV/000695235/vehicle-register/vehicles` */
  service: string;
  /** The rest of the path after the service code; `/` when none. */
  path: string;
  query: string;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

const ID_HEADER = /^[A-Za-z0-9._:-]{1,128}$/;
const TEXT_HEADER_MAX = 512;

function header(request: ClientRequest, name: string): string | null {
  const value = request.headers[name];
  const single = Array.isArray(value) ? value[0] : value;
  if (single === undefined) return null;
  const trimmed = single.trim();
  if (trimmed.length === 0) return null;
  if (trimmed.length > TEXT_HEADER_MAX)
    throw new ExchangeFault('Client.BadRequest', `The ${name} header is too long.`);
  // Every X-Road header ends up in the message log and before the data subject: no control
  // characters (a NUL is not even storable as text).
  if (controlCharacterIndex(trimmed, 'line') !== -1)
    throw new ExchangeFault('Client.BadRequest', `The ${name} header holds a control character.`);
  return trimmed;
}

/** A fault that is not an ExchangeFault: the message log refused the message, or a bug. */
function unexpectedFault(error: unknown): ExchangeFault {
  return isRowFault(error)
    ? new ExchangeFault(
        'Client.BadRequest',
        'The message log refused to record this message (its content cannot be stored).',
      )
    : new ExchangeFault(
        'Server.ClientProxy.InternalError',
        'The consumer node failed to complete the exchange.',
      );
}

/**
 * The consumer's node (X-Road's client proxy): checks who is asking and why, signs the request
 * with the client member's key, sends it to the provider's node, and hands the answer back only
 * after checking its signature and its binding to this request.
 */
export async function consume(context: NodeContext, request: ClientRequest): Promise<NodeReply> {
  const started = Date.now();
  let envelope: RequestEnvelope | null = null;
  let requestJws: string | null = null;
  /** The provider side's record when the provider is this node: written with the consumer's. */
  let providerRecord: MessageRecord | undefined;
  const logged = (reply: NodeReply, outcome: Parameters<typeof record>[5]) => {
    const own = record(context, envelope, requestJws, started, reply, outcome, request.body.length);
    return providerRecord ? context.log.append(providerRecord, own) : context.log.append(own);
  };
  try {
    const clientHeader = header(request, 'x-road-client');
    const client = clientHeader ? parseSubsystemId(clientHeader) : null;
    if (!client) {
      throw new ExchangeFault(
        'Client.InvalidClientId',
        'The X-Road-Client header must name a subsystem: INSTANCE/CLASS/MEMBER/SUBSYSTEM.',
      );
    }
    const service = parseServiceId(request.service);
    if (
      controlCharacterIndex(request.path, 'line') !== -1 ||
      controlCharacterIndex(request.query, 'line') !== -1
    )
      throw new ExchangeFault('Client.BadRequest', 'The path or query holds a control character.');
    if (!service)
      throw new ExchangeFault(
        'Client.BadRequest',
        'The path must be /r1/INSTANCE/CLASS/MEMBER/SUBSYSTEM/SERVICE[/path].',
      );
    const purpose = header(request, 'x-road-purpose');
    if (!purpose)
      throw new ExchangeFault('Client.MissingPurpose', 'State the purpose of the request (X-Road-Purpose).');
    const legalBasis = header(request, 'x-road-legal-basis');
    if (!legalBasis)
      throw new ExchangeFault(
        'Client.MissingLegalBasis',
        'State the legal basis of the request (X-Road-Legal-Basis).',
      );
    const messageId = header(request, 'x-road-id') ?? crypto.randomUUID();
    if (!ID_HEADER.test(messageId))
      throw new ExchangeFault('Client.BadRequest', 'X-Road-Id must be 1-128 letters, digits or . _ : -');

    const conf = context.trust.conf('consumer');
    const clientId = subsystemIdOf(client);
    const clientMember = memberIdOf(client);
    const signer = context.trust.signerFor(clientMember);
    const registeredClient = conf.members.some(
      (member) =>
        `${conf.instance}/${member.memberClass}/${member.memberCode}` === clientMember &&
        member.subsystems.some((subsystem) => subsystem.code === client.subsystem),
    );
    if (!signer || !registeredClient) {
      throw new ExchangeFault(
        'Server.ClientProxy.ClientNotHosted',
        `${clientId} is not a client hosted on this node.`,
      );
    }
    const serviceId = serviceIdOf(service);
    const providerMember = memberIdOf(service);
    const member = conf.members.find(
      (candidate) => `${conf.instance}/${candidate.memberClass}/${candidate.memberCode}` === providerMember,
    );
    if (!member)
      throw new ExchangeFault(
        'Server.ClientProxy.UnknownMember',
        `No member ${providerMember} is registered.`,
      );
    if (!conf.services.some((candidate) => candidate.id === serviceId)) {
      throw new ExchangeFault('Server.ClientProxy.UnknownService', `No service ${serviceId} is registered.`);
    }
    const providerNode = conf.nodes.find((node) => node.members.includes(providerMember));
    if (!providerNode)
      throw new ExchangeFault('Server.ClientProxy.UnknownMember', `No node hosts ${providerMember}.`);

    envelope = {
      v: 1,
      id: messageId,
      client: clientId,
      service: serviceId,
      method: request.method,
      path: request.path || '/',
      query: request.query,
      userId: header(request, 'x-road-userid'),
      issue: header(request, 'x-road-issue'),
      representedParty: header(request, 'x-road-represented-party'),
      purpose,
      legalBasis,
      caseRef: header(request, 'x-road-case'),
      dataSubject: header(request, 'x-road-data-subject'),
      bodyHash: sha256(request.body),
      createdAt: new Date(started).toISOString(),
    };
    const signed = await context.trust
      .envelopeSigner(clientMember, REQUEST_SIGNATURE_TYPE)!
      .signWithHash(envelope);
    requestJws = signed.token;
    const requestHash = signed.hash;

    let reply: NodeReply;
    try {
      const { providerRecord: delivered, ...answer } = await context.transport.send(
        providerNode,
        { requestJws, body: request.body },
        context.options.exchangeTimeoutMs,
      );
      providerRecord = delivered;
      reply = answer;
    } catch (error) {
      if (error instanceof ExchangeFault) throw error;
      throw new ExchangeFault(
        'Server.ClientProxy.NetworkError',
        `The provider's node ${providerNode.id} could not be reached.`,
      );
    }

    const faultType = reply.headers['x-road-error'];
    if (faultType) {
      if (!isExchangeFaultType(faultType)) {
        throw new ExchangeFault(
          'Server.ClientProxy.NetworkError',
          "The provider's node answered with an unknown fault.",
        );
      }
      await logged(reply, { errorType: faultType, requestHash });
      return { ...reply, headers: { ...reply.headers, 'x-road-id': envelope.id } };
    }

    const responseJws = reply.headers[RESPONSE_HEADER];
    const verified = responseJws
      ? context.trust.verifier.verifyWithHash<ResponseEnvelope>(
          responseJws,
          await context.trust.verificationKeys(conf, providerMember),
          RESPONSE_SIGNATURE_TYPE,
        )
      : null;
    const response = verified?.envelope ?? null;
    if (!response || response.status !== reply.status || response.bodyHash !== sha256(reply.body)) {
      throw new ExchangeFault(
        'Server.ClientProxy.InvalidSignature',
        "The provider's answer is not signed by the provider member, or was altered.",
      );
    }
    if (response.requestHash !== requestHash || response.requestId !== envelope.id) {
      throw new ExchangeFault(
        'Server.ClientProxy.RequestHashMismatch',
        "The provider's answer is not bound to this request.",
      );
    }
    await logged(reply, {
      requestHash,
      responseHash: verified!.hash,
      responseSignature: responseJws!,
    });
    return {
      status: reply.status,
      headers: {
        'content-type': reply.headers['content-type'] ?? 'application/json',
        'x-road-id': envelope.id,
        'x-road-client': envelope.client,
        'x-road-service': envelope.service,
        'x-road-request-hash': requestHash,
      },
      body: reply.body,
    };
  } catch (error) {
    const fault = error instanceof ExchangeFault ? error : unexpectedFault(error);
    if (!(error instanceof ExchangeFault)) context.report(error);
    const messageId = envelope?.id ?? 'unknown';
    const body = faultBody(fault, messageId);
    const reply = {
      status: fault.status,
      headers: { 'content-type': 'application/json', 'x-road-error': fault.type },
      body,
    };
    await logged(reply, {
      errorType: fault.type,
      requestHash: envelope ? envelopeHash(envelope) : null,
    }).catch((logError: unknown) => context.report(logError));
    return { ...reply, headers: { ...reply.headers, 'x-road-id': messageId } };
  }
}

function record(
  context: NodeContext,
  envelope: RequestEnvelope | null,
  requestJws: string | null,
  started: number,
  reply: NodeReply,
  outcome: {
    errorType?: string;
    requestHash: string | null;
    responseHash?: string;
    responseSignature?: string;
  },
  requestBytes: number,
): MessageRecord {
  return messageRecord({
    side: 'consumer',
    nodeId: context.trust.nodeId,
    envelope,
    requestSignature: requestJws,
    requestBytes,
    requestBody: null,
    status: reply.status,
    errorType: outcome.errorType,
    requestHash: outcome.requestHash,
    responseHash: outcome.responseHash,
    responseSignature: outcome.responseSignature,
    responseBody: reply.body,
    started,
  });
}
