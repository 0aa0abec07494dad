import { describe, expect, it } from 'vitest';
import {
  freshestCopy,
  mdocElements,
  PresentationError,
  parsePresentationLink,
  verifierAnchorsOf,
} from './presentation.ts';
import type { StoredCredential } from './vault.ts';

const ORIGIN = 'http://127.0.0.1:4000';
const reason = (fn: () => unknown) => {
  try {
    fn();
    return 'accepted';
  } catch (error) {
    return error instanceof PresentationError ? error.reason : String(error);
  }
};

describe('a verifier’s presentation request link', () => {
  it('reads openid4vp:// and the PWA’s same-device route', () => {
    const query = `client_id=${encodeURIComponent('x509_san_dns:shop.example')}&request_uri=${encodeURIComponent('https://shop.example/r/1')}`;
    const expected = { clientId: 'x509_san_dns:shop.example', requestUri: 'https://shop.example/r/1' };
    expect(parsePresentationLink(`openid4vp://?${query}`, ORIGIN)).toEqual(expected);
    expect(parsePresentationLink(`${ORIGIN}/wallet/present?${query}`, ORIGIN)).toEqual(expected);
  });

  it('refuses other client identifier schemes, insecure request URIs, garbage and oversized links', () => {
    const link = (clientId: string, requestUri: string) =>
      `openid4vp://?client_id=${encodeURIComponent(clientId)}&request_uri=${encodeURIComponent(requestUri)}`;
    expect(reason(() => parsePresentationLink(link('redirect_uri:https://x', 'https://x/r'), ORIGIN))).toBe(
      'link-malformed',
    );
    expect(
      reason(() => parsePresentationLink(link('x509_san_dns:shop.example', 'http://shop.example/r'), ORIGIN)),
    ).toBe('link-malformed');
    expect(reason(() => parsePresentationLink('openid4vp://?client_id=x509_san_dns%3Aa', ORIGIN))).toBe(
      'link-malformed',
    );
    expect(reason(() => parsePresentationLink('🙂', ORIGIN))).toBe('link-malformed');
    expect(reason(() => parsePresentationLink(`openid4vp://?x=${'a'.repeat(5000)}`, ORIGIN))).toBe(
      'link-malformed',
    );
    expect(
      reason(() =>
        parsePresentationLink(
          'openid4vp://?client_id=x509_san_dns%3Aa%0A&request_uri=https%3A%2F%2Fa',
          ORIGIN,
        ),
      ),
    ).toBe('link-malformed');
  });
});

describe('the wallet’s choices', () => {
  it('takes the verifiers’ roots from the trust list', () => {
    const certificate = {
      certificate: 'MIIB',
      pem: '-----BEGIN',
      subject: 'CN=x',
      serial: '01',
      notBefore: '',
      notAfter: '',
    };
    expect(verifierAnchorsOf({ verifierAnchors: [certificate] })).toEqual(['MIIB']);
    expect(verifierAnchorsOf(null)).toEqual([]);
  });

  it('presents the copy shown least often, so verifiers cannot link two presentations', () => {
    const credential = {
      copies: [
        { credential: 'a', keyId: 'ka', presentations: 2 },
        { credential: 'b', keyId: 'kb', presentations: 0 },
        { credential: 'c', keyId: 'kc', presentations: 1 },
      ],
    } as StoredCredential;
    expect(freshestCopy(credential).keyId).toBe('kb');
  });

  it('groups mdoc claims by namespace', () => {
    expect(
      mdocElements([
        ['org.iso.18013.5.1', 'given_name'],
        ['org.iso.18013.5.1', 'portrait'],
        ['eu.europa.ec.eudi.pid.1', 'age_over_18'],
      ]),
    ).toEqual({
      'org.iso.18013.5.1': ['given_name', 'portrait'],
      'eu.europa.ec.eudi.pid.1': ['age_over_18'],
    });
  });
});
