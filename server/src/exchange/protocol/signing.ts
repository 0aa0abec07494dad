import { CompactSign, type CryptoKey, compactVerify, errors as joseErrors } from 'jose';
import { canonicalJson } from './envelope.ts';

export interface MemberSigner {
  memberId: string;
  /** Serial of the signing certificate, sent as `kid` so the verifier picks the right key. */
  certificateSerial: string;
  privateKey: CryptoKey;
}

export interface VerificationKey {
  certificateSerial: string;
  publicKey: CryptoKey;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** ES256 compact JWS over the canonical JSON of an envelope. */
export async function signEnvelope(envelope: object, signer: MemberSigner, typ: string): Promise<string> {
  return new CompactSign(encoder.encode(canonicalJson(envelope as Record<string, unknown>)))
    .setProtectedHeader({ alg: 'ES256', typ, kid: signer.certificateSerial })
    .sign(signer.privateKey);
}

/**
 * Verifies a signed envelope against the signer's registered keys; null when the signature
 * does not verify with any of them (tampered, or signed by someone else).
 */
export async function verifyEnvelope<T>(
  jws: string,
  keys: readonly VerificationKey[],
  typ: string,
): Promise<T | null> {
  let header: { kid?: string; typ?: string };
  try {
    header = JSON.parse(Buffer.from(jws.split('.')[0] ?? '', 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (header.typ !== typ) return null;
  const candidates = keys.filter((key) => key.certificateSerial === header.kid);
  for (const key of candidates) {
    try {
      const { payload } = await compactVerify(jws, key.publicKey, { algorithms: ['ES256'] });
      return JSON.parse(decoder.decode(payload)) as T;
    } catch (error) {
      if (!(error instanceof joseErrors.JOSEError) && !(error instanceof SyntaxError)) throw error;
    }
  }
  return null;
}
