import 'reflect-metadata';
import { resolveOpenid4vpAuthorizationRequest } from '@openid4vc/openid4vp';
import { SubjectAlternativeNameExtension, X509Certificate } from '@peculiar/x509';
import { exportJWK, generateKeyPair, importX509, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { dcqlQueryFor } from '../checks.ts';
import { makeTestPki } from '../offline/test-pki.ts';
import {
  decryptAuthorizationResponse,
  type EncryptionJwk,
  encryptAuthorizationResponse,
  openid4vpLink,
  type RequestObjectError,
  ResponseDecryptionError,
  requestObjectClaims,
  signRequestObject,
  verifyRequestObject,
  withinRegistration,
} from './index.ts';

const host = 'shop.example.bg';

async function setUp(intendedUse: Array<'over-18' | 'identity'> = ['over-18']) {
  const pki = await makeTestPki(host);
  const keys = await generateKeyPair('ECDH-ES', { crv: 'P-256', extractable: true });
  const jwk = await exportJWK(keys.publicKey);
  const encryptionKey = { ...jwk, use: 'enc', alg: 'ECDH-ES', kid: 'tx-1' } as EncryptionJwk;
  const claims = requestObjectClaims({
    host,
    responseUri: `https://${host}/api/wallet/verifications/tx-1/response`,
    nonce: 'nonce-0123456789abcdef',
    state: 'tx-1',
    dcqlQuery: dcqlQueryFor('over-18'),
    encryptionKey,
    registration: { name: 'Лоза', organisation: 'Лоза ЕООД', intended_use: intendedUse },
    now: new Date(),
  });
  const jws = await signRequestObject(claims, pki.signer);
  return { pki, keys, claims, jws };
}

describe('the request object (JAR)', () => {
  it('verifies at the holder and carries the registration', async () => {
    const { pki, jws } = await setUp();
    const claims = await verifyRequestObject(jws, { trustAnchors: [pki.root], now: new Date() });
    expect(claims.client_id).toBe(`x509_san_dns:${host}`);
    expect(claims.verifier_info[0]?.data.intended_use).toEqual(['over-18']);
  });

  it('is accepted by an independent OpenID4VP implementation (@openid4vc/openid4vp resolving request_uri)', async () => {
    const { jws, claims } = await setUp();
    const requestUri = `https://${host}/api/wallet/verifications/tx-1/request`;
    const link = new URL(openid4vpLink(claims.client_id, requestUri));
    const resolved = await resolveOpenid4vpAuthorizationRequest({
      authorizationRequestPayload: {
        client_id: link.searchParams.get('client_id') as string,
        request_uri: link.searchParams.get('request_uri') as string,
      },
      callbacks: {
        fetch: async () =>
          new Response(jws, { headers: { 'content-type': 'application/oauth-authz-req+jwt' } }),
        // Civitas request objects are signed, not encrypted: nothing to decrypt.
        decryptJwe: () => ({ decrypted: false }),
        hash: async (data) =>
          new Uint8Array(await crypto.subtle.digest('SHA-256', data as Uint8Array<ArrayBuffer>)),
        verifyJwt: async (_signer, jwt) => {
          const certificate = `-----BEGIN CERTIFICATE-----\n${(jwt.header.x5c as string[])[0]}\n-----END CERTIFICATE-----`;
          const key = await importX509(certificate, 'ES256');
          await jwtVerify(jwt.compact, key, { typ: 'oauth-authz-req+jwt' });
          return { verified: true, signerJwk: (await exportJWK(key)) as never };
        },
        getX509CertificateMetadata: (certificate) => {
          const names =
            new X509Certificate(certificate).getExtension(SubjectAlternativeNameExtension)?.names.items ?? [];
          return {
            sanDnsNames: names.filter((n) => n.type === 'dns').map((n) => n.value),
            sanUriNames: names.filter((n) => n.type === 'url').map((n) => n.value),
          };
        },
      },
    });
    expect(resolved.client.prefix).toBe('x509_san_dns');
    expect(resolved.authorizationRequestPayload.response_mode).toBe('direct_post.jwt');
    expect(resolved.dcql?.query).toEqual(dcqlQueryFor('over-18'));
  });

  it('is refused when signed under another root, tampered, or asking beyond the registration', async () => {
    const { jws } = await setUp();
    const stranger = await makeTestPki(host);
    const code = async (promise: Promise<unknown>) =>
      promise.then(
        () => 'accepted',
        (e: RequestObjectError) => e.code,
      );
    expect(await code(verifyRequestObject(jws, { trustAnchors: [stranger.root], now: new Date() }))).toBe(
      'request-verifier-untrusted',
    );
    const own = await setUp();
    const [h, p, s] = own.jws.split('.') as [string, string, string];
    const payload = JSON.parse(Buffer.from(p, 'base64url').toString());
    payload.dcql_query = dcqlQueryFor('identity');
    const tampered = `${h}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${s}`;
    expect(await code(verifyRequestObject(tampered, { trustAnchors: [own.pki.root], now: new Date() }))).toBe(
      'request-signature-invalid',
    );
    const greedy = { ...own.claims, dcql_query: dcqlQueryFor('identity') };
    const signed = await signRequestObject(greedy, own.pki.signer);
    expect(await code(verifyRequestObject(signed, { trustAnchors: [own.pki.root], now: new Date() }))).toBe(
      'request-beyond-registration',
    );
    expect(withinRegistration(dcqlQueryFor('identity'), ['identity'])).toBe(true);
    expect(withinRegistration(dcqlQueryFor('over-18'), ['identity'])).toBe(false);
    const later = new Date((own.claims.exp + 1) * 1000);
    expect(await code(verifyRequestObject(own.jws, { trustAnchors: [own.pki.root], now: later }))).toBe(
      'request-expired',
    );
  });
});

describe('the encrypted response (direct_post.jwt)', () => {
  it('round-trips; another transaction key or a tampered JWE does not decrypt', async () => {
    const { claims, keys } = await setUp();
    const response = { vp_token: { pid: ['a.b.c~d~e.f.g'] }, state: 'tx-1' };
    const jwe = await encryptAuthorizationResponse(response, claims);
    expect(await decryptAuthorizationResponse(jwe, keys.privateKey)).toEqual(response);
    const other = await generateKeyPair('ECDH-ES', { crv: 'P-256' });
    await expect(decryptAuthorizationResponse(jwe, other.privateKey)).rejects.toBeInstanceOf(
      ResponseDecryptionError,
    );
    const parts = jwe.split('.');
    parts[3] = `${parts[3]?.slice(0, -2)}AA`;
    await expect(decryptAuthorizationResponse(parts.join('.'), keys.privateKey)).rejects.toBeInstanceOf(
      ResponseDecryptionError,
    );
    await expect(decryptAuthorizationResponse('garbage', keys.privateKey)).rejects.toBeInstanceOf(
      ResponseDecryptionError,
    );
  });
});
