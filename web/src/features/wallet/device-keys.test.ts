import { describe, expect, it } from 'vitest';
import { base64UrlToJson, fromBase64Url, utf8 } from './base64url.ts';
import { createDeviceKey, proofJwt } from './device-keys.ts';

describe('device keys', () => {
  it('are P-256 keys whose private half cannot be read out', async () => {
    const key = await createDeviceKey();
    expect(key.privateKey.extractable).toBe(false);
    await expect(crypto.subtle.exportKey('jwk', key.privateKey)).rejects.toThrow();
    expect(key.publicJwk).toMatchObject({ kty: 'EC', crv: 'P-256' });
    expect(Object.keys(key.publicJwk).sort()).toEqual(['crv', 'kty', 'x', 'y']);
  });

  it('each copy gets its own key', async () => {
    const [a, b] = await Promise.all([createDeviceKey(), createDeviceKey()]);
    expect(a.publicJwk.x).not.toBe(b.publicJwk.x);
    expect(a.id).not.toBe(b.id);
  });

  it('sign an OpenID4VCI proof that verifies with the key in its header', async () => {
    const key = await createDeviceKey();
    const now = new Date('2026-12-06T06:00:00Z');
    const jwt = await proofJwt(key, { issuer: 'https://civitas.example', nonce: 'n-1', now });
    const [header, payload, signature] = jwt.split('.') as [string, string, string];
    const decodedHeader = base64UrlToJson(header) as { jwk: JsonWebKey; typ: string; alg: string };
    expect(decodedHeader).toMatchObject({ typ: 'openid4vci-proof+jwt', alg: 'ES256' });
    expect(base64UrlToJson(payload)).toEqual({
      aud: 'https://civitas.example',
      iat: 1796536800,
      nonce: 'n-1',
    });
    const publicKey = await crypto.subtle.importKey(
      'jwk',
      decodedHeader.jwk,
      { name: 'ECDSA', namedCurve: 'P-256' },
      false,
      ['verify'],
    );
    const params = { name: 'ECDSA', hash: 'SHA-256' };
    const input = utf8(`${header}.${payload}`);
    expect(await crypto.subtle.verify(params, publicKey, fromBase64Url(signature), input)).toBe(true);
    const other = utf8(`${header}.${payload}x`);
    expect(await crypto.subtle.verify(params, publicKey, fromBase64Url(signature), other)).toBe(false);
  });
});
