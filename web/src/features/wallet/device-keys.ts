/**
 * Device keys: one ECDSA P-256 key pair per credential copy, made by WebCrypto with the private
 * key non-extractable (it can sign, never be read out), kept in IndexedDB as a CryptoKey. The
 * public half is what the issuer binds the copy to (`cnf.jwk`).
 */
import type { PublicJwk } from '@civitas/wallet/formats.ts';
import { jsonToBase64Url, toBase64Url, utf8 } from './base64url.ts';

export interface DeviceKey {
  id: string;
  privateKey: CryptoKey;
  publicJwk: PublicJwk;
}

export async function createDeviceKey(): Promise<DeviceKey> {
  const pair = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, [
    'sign',
    'verify',
  ]);
  const exported = await crypto.subtle.exportKey('jwk', pair.publicKey);
  if (exported.kty !== 'EC' || exported.crv !== 'P-256' || !exported.x || !exported.y) {
    throw new Error('unexpected public key');
  }
  const publicJwk: PublicJwk = { kty: 'EC', crv: 'P-256', x: exported.x, y: exported.y };
  return { id: crypto.randomUUID(), privateKey: pair.privateKey, publicJwk };
}

/** A compact JWS signed ES256 (WebCrypto's ECDSA signature is already the raw r‖s JOSE wants). */
export async function signJwt(
  key: CryptoKey,
  header: Record<string, unknown>,
  payload: Record<string, unknown>,
): Promise<string> {
  const input = `${jsonToBase64Url({ ...header, alg: 'ES256' })}.${jsonToBase64Url(payload)}`;
  const signature = await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, key, utf8(input));
  return `${input}.${toBase64Url(new Uint8Array(signature))}`;
}

/** OpenID4VCI 1.0 Appendix F.1: a JWT proof of possession of the copy's key. */
export function proofJwt(
  key: DeviceKey,
  claims: { issuer: string; nonce: string | undefined; now: Date },
): Promise<string> {
  return signJwt(
    key.privateKey,
    { typ: 'openid4vci-proof+jwt', jwk: key.publicJwk },
    {
      aud: claims.issuer,
      iat: Math.floor(claims.now.getTime() / 1000),
      ...(claims.nonce !== undefined && { nonce: claims.nonce }),
    },
  );
}
