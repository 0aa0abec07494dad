import crypto from 'node:crypto';
import { canonicalJson } from '@civitas/contracts/canonical-json.ts';

/**
 * What a consumer's node signs and a provider's node checks: every fact of the request that
 * matters, with the body bound by its hash. The provider acts on the signed envelope only.
 */
export interface RequestEnvelope {
  v: 1;
  id: string;
  client: string;
  service: string;
  method: string;
  path: string;
  query: string;
  userId: string | null;
  issue: string | null;
  representedParty: string | null;
  purpose: string;
  legalBasis: string;
  caseRef: string | null;
  dataSubject: string | null;
  bodyHash: string;
  createdAt: string;
}

/** The provider's signed answer, bound to the request by its hash. */
export interface ResponseEnvelope {
  v: 1;
  requestId: string;
  requestHash: string;
  status: number;
  contentType: string | null;
  bodyHash: string;
  createdAt: string;
}

/** SHA-256, base64url: the hash form used on the wire (`X-Road-Request-Hash`). */
export function sha256(data: Buffer | string): string {
  return crypto.createHash('sha256').update(data).digest('base64url');
}

export function envelopeHash(envelope: RequestEnvelope | ResponseEnvelope): string {
  return sha256(canonicalJson(envelope as unknown as Record<string, unknown>));
}
