/**
 * The offline response QR: the holder's key-bound presentation for one offline request.
 * SD-JWT VC: the compact `<issuer-jwt>~<disclosures>~<kb-jwt>`, the KB-JWT's `aud` the request's
 * `client_id` and its `nonce` the request's nonce. mdoc: the DeviceResponse (CBOR, base64url),
 * its device signature over the OpenID4VP session transcript made with the request's `client_id`,
 * its nonce and `OFFLINE_RESPONSE_URI` as the response URI (no JWK thumbprint: nothing is encrypted).
 */
import { decodeEnvelope, encodeEnvelope } from './envelope.ts';
import { OfflinePayloadError } from './errors.ts';

export const OFFLINE_RESPONSE_PREFIX = 'CIVVP1:';
/** The response URI an offline mdoc presentation's session transcript names. */
export const OFFLINE_RESPONSE_URI = 'urn:civitas:wallet:offline';

export interface OfflineResponse {
  v: 1;
  /** The request's nonce (matched by the verifier before the cryptographic checks). */
  nonce: string;
  format: 'dc+sd-jwt' | 'mso_mdoc';
  /** SD-JWT VC: the compact presentation; mdoc: base64url of the DeviceResponse. */
  presentation: string;
}

export function encodeOfflineResponse(response: OfflineResponse): Promise<string> {
  assertResponse(response);
  return encodeEnvelope(OFFLINE_RESPONSE_PREFIX, response);
}

export async function decodeOfflineResponse(text: string): Promise<OfflineResponse> {
  const value = await decodeEnvelope(OFFLINE_RESPONSE_PREFIX, text);
  assertResponse(value);
  return value;
}

/** Decodes and checks the response answers this request (its nonce). */
export async function decodeOfflineResponseFor(text: string, nonce: string): Promise<OfflineResponse> {
  const response = await decodeOfflineResponse(text);
  if (response.nonce !== nonce) {
    throw new OfflinePayloadError('offline-response-mismatch', 'the response answers another request');
  }
  return response;
}

function assertResponse(value: unknown): asserts value is OfflineResponse {
  const response = value as Partial<OfflineResponse> | null;
  const ok =
    response !== null &&
    typeof response === 'object' &&
    response.v === 1 &&
    typeof response.nonce === 'string' &&
    /^[A-Za-z0-9_-]{16,128}$/.test(response.nonce) &&
    (response.format === 'dc+sd-jwt' || response.format === 'mso_mdoc') &&
    typeof response.presentation === 'string' &&
    (response.format === 'dc+sd-jwt'
      ? /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+(~[A-Za-z0-9_-]*)+(~[A-Za-z0-9_.-]+)?$/.test(
          response.presentation,
        )
      : /^[A-Za-z0-9_-]+$/.test(response.presentation));
  if (!ok) throw new OfflinePayloadError('offline-payload-invalid', 'the response is malformed');
}
