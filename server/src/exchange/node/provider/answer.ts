import { httpErrors } from '../../../http/index.ts';
import type { GlobalConfiguration } from '../../global-conf/types.ts';
import { type RequestEnvelope, type ResponseEnvelope, sha256 } from '../../protocol/envelope.ts';
import { type ExchangeServiceDefinition, matchEndpoint, problemAnswer } from '../../service-definition.ts';
import { type NodeReply, RESPONSE_HEADER, RESPONSE_SIGNATURE_TYPE } from '../context.ts';
import { checkAccessRight, checkDataSubject } from './admit.ts';
import { invoke, type SerialisedAnswer } from './invoke.ts';
import { checkRepresentedParty } from './represented-party.ts';
import type { ProviderTrail } from './trail.ts';

/** The provider's own answer when the service has no such endpoint (signed like a register's). */
function routeNotFound(envelope: RequestEnvelope): SerialisedAnswer {
  return problemAnswer(
    httpErrors,
    'route-not-found',
    `${envelope.method} ${envelope.path} is not an endpoint of ${envelope.service}.`,
  );
}

/**
 * The register's answer to an admitted request: the endpoint's own checks (data subject, access
 * right) first. When the register names whom its answer is about, the log records that person
 * as the data subject.
 */
export async function answerRequest(
  trail: ProviderTrail,
  conf: GlobalConfiguration,
  service: ExchangeServiceDefinition,
  envelope: RequestEnvelope,
): Promise<SerialisedAnswer> {
  const matched = matchEndpoint(service, envelope.method, envelope.path);
  if (!matched) return routeNotFound(envelope);
  checkDataSubject(matched.endpoint, envelope);
  await checkAccessRight(trail.context, conf, envelope);
  await checkRepresentedParty(trail.context, envelope);
  const answer = await invoke(trail.context, matched.endpoint, matched.params, envelope, trail.message.body);
  if (!envelope.dataSubject && matched.endpoint.subjectOfAnswer && answer.status < 400) {
    const named = matched.endpoint.subjectOfAnswer(answer.body);
    if (named) trail.envelope = { ...envelope, dataSubject: named };
  }
  return answer;
}

/** Signs the answer with the provider member's key, bound to the request by its hash, and logs it. */
export async function signedAnswer(
  trail: ProviderTrail,
  providerMember: string,
  answer: SerialisedAnswer,
): Promise<NodeReply> {
  const envelope = trail.envelope!;
  const requestHash = trail.requestHash!;
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
  const { token: responseJws, hash: responseHash } = await trail.context.trust
    .envelopeSigner(providerMember, RESPONSE_SIGNATURE_TYPE)!
    .signWithHash(responseEnvelope);
  const reply: NodeReply = {
    status: answer.status,
    headers: {
      'content-type': `${responseEnvelope.contentType}; charset=utf-8`,
      [RESPONSE_HEADER]: responseJws,
      'x-road-request-hash': requestHash,
      'x-road-id': envelope.id,
    },
    body,
  };
  const record = trail.record({
    status: answer.status,
    responseHash,
    responseSignature: responseJws,
    responseBody: body,
  });
  return trail.logged(reply, record);
}
