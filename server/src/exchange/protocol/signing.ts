import type { KeyObject } from 'node:crypto';
import { canonicalJson } from './envelope.ts';
import { decodeCompact, signCompactEs256, verifyCompactEs256 } from './es256.ts';

export interface MemberSigner {
  memberId: string;
  /** Serial of the signing certificate, sent as `kid` so the verifier picks the right key. */
  certificateSerial: string;
  privateKey: KeyObject;
}

export interface VerificationKey {
  certificateSerial: string;
  publicKey: KeyObject;
}

/** ES256 compact JWS over the canonical JSON of an envelope. */
export function signEnvelope(envelope: object, signer: MemberSigner, typ: string): string {
  return signCompactEs256(
    { typ, kid: signer.certificateSerial },
    Buffer.from(canonicalJson(envelope as Record<string, unknown>)),
    signer.privateKey,
  );
}

/**
 * Verifies a signed envelope against the signer's registered keys; null when the signature
 * does not verify with any of them (tampered, or signed by someone else).
 */
export function verifyEnvelope<T>(jws: string, keys: readonly VerificationKey[], typ: string): T | null {
  const decoded = decodeCompact(jws);
  if (!decoded || decoded.header.typ !== typ) return null;
  for (const key of keys) {
    if (key.certificateSerial !== decoded.header.kid) continue;
    if (!verifyCompactEs256(decoded, key.publicKey)) continue;
    try {
      return JSON.parse(decoded.payload.toString('utf8')) as T;
    } catch {
      return null;
    }
  }
  return null;
}
