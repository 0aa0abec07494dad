/**
 * The SessionTranscript an mdoc presentation is bound to. Over OpenID4VP 1.0 (Annex B.2.6.1,
 * redirect/`direct_post(.jwt)` flows) it is `[null, null, ["OpenID4VPHandover", sha256(cbor(
 * [client_id, nonce, jwkThumbprint | null, response_uri]))]]`; both the wallet and the verifier
 * compute it from the request, so a response made for one request does not verify for another.
 */
import { SessionTranscript } from '@owf/mdoc';
import { mdocContext } from './crypto.ts';

export interface OpenId4VpHandoverInput {
  clientId: string;
  nonce: string;
  /** SHA-256 JWK thumbprint (RFC 7638) of the verifier's response encryption key, or null when unencrypted. */
  jwkThumbprint: Uint8Array | null;
  responseUri: string;
}

/** The CBOR bytes of the OpenID4VP SessionTranscript. */
export async function openId4VpSessionTranscript(input: OpenId4VpHandoverInput): Promise<Uint8Array> {
  for (const [name, value] of Object.entries({ clientId: input.clientId, nonce: input.nonce })) {
    if (typeof value !== 'string' || value.length === 0 || value.length > 2048) {
      throw new TypeError(`${name} must be a non-empty string`);
    }
  }
  if (typeof input.responseUri !== 'string' || input.responseUri.length > 2048) {
    throw new TypeError('responseUri must be a string');
  }
  if (input.jwkThumbprint !== null && input.jwkThumbprint.length !== 32) {
    throw new TypeError('jwkThumbprint must be a SHA-256 thumbprint (32 bytes)');
  }
  const transcript = await SessionTranscript.forOid4Vp(
    {
      clientId: input.clientId,
      nonce: input.nonce,
      responseUri: input.responseUri,
      ...(input.jwkThumbprint && { jwkThumbprint: input.jwkThumbprint }),
    },
    mdocContext(),
  );
  return transcript.encode();
}
