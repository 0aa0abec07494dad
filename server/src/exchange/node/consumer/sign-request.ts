import type { SignedEnvelope } from '../../protocol/batch-signing.ts';
import { type RequestEnvelope, sha256 } from '../../protocol/envelope.ts';
import { type ClientRequest, type NodeContext, REQUEST_SIGNATURE_TYPE } from '../context.ts';
import { type AskedExchange, header } from './read-request.ts';
import type { MessageRoute } from './route.ts';

/**
 * The envelope the client member signs: every fact of the request, the body by its hash. Its
 * key order is the order of the signed JSON.
 */
export function buildEnvelope(
  request: ClientRequest,
  asked: AskedExchange,
  route: MessageRoute,
  started: number,
): RequestEnvelope {
  return {
    v: 1,
    id: asked.messageId,
    client: route.clientId,
    service: route.serviceId,
    method: request.method,
    path: request.path || '/',
    query: request.query,
    userId: header(request, 'x-road-userid'),
    issue: header(request, 'x-road-issue'),
    representedParty: header(request, 'x-road-represented-party'),
    purpose: asked.purpose,
    legalBasis: asked.legalBasis,
    caseRef: header(request, 'x-road-case'),
    dataSubject: header(request, 'x-road-data-subject'),
    bodyHash: sha256(request.body),
    createdAt: new Date(started).toISOString(),
  };
}

/** Signs with the client member's key (batched with other requests signed in the same moment). */
export function signRequest(
  context: NodeContext,
  route: MessageRoute,
  envelope: RequestEnvelope,
): Promise<SignedEnvelope> {
  return context.trust.envelopeSigner(route.clientMember, REQUEST_SIGNATURE_TYPE)!.signWithHash(envelope);
}
