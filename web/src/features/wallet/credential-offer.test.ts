import { describe, expect, it } from 'vitest';
import { isValidTxCode, OfferError, PRE_AUTHORIZED_GRANT, parseOfferLink } from './credential-offer.ts';

const ORIGIN = 'http://127.0.0.1:4000';
const offer = {
  credential_issuer: 'https://wallet.civitas.example',
  credential_configuration_ids: ['vehicle-registration'],
  grants: {
    [PRE_AUTHORIZED_GRANT]: { 'pre-authorized_code': 'abc', tx_code: { input_mode: 'numeric', length: 6 } },
  },
};
const link = (value: unknown, prefix = 'openid-credential-offer://') =>
  `${prefix}?credential_offer=${encodeURIComponent(JSON.stringify(value))}`;
const reason = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return error instanceof OfferError ? error.reason : String(error);
  }
  return 'accepted';
};

describe('credential offers reaching the wallet', () => {
  it('reads a pre-authorized offer by value, from the QR scheme or the PWA route', () => {
    const expected = {
      kind: 'by-value',
      offer: {
        issuer: 'https://wallet.civitas.example',
        configurationIds: ['vehicle-registration'],
        preAuthorizedCode: 'abc',
        txCode: { inputMode: 'numeric', length: 6, description: null },
        issuerState: null,
      },
    };
    expect(parseOfferLink(link(offer), ORIGIN)).toEqual(expected);
    expect(parseOfferLink(link(offer, `${ORIGIN}/wallet/offer`), ORIGIN)).toEqual(expected);
  });

  it('reads an offer by reference', () => {
    const uri = 'https://wallet.civitas.example/offers/1';
    expect(
      parseOfferLink(`openid-credential-offer://?credential_offer_uri=${encodeURIComponent(uri)}`, ORIGIN),
    ).toEqual({ kind: 'by-reference', uri });
  });

  it('accepts http only for this very origin', () => {
    expect(reason(() => parseOfferLink(link({ ...offer, credential_issuer: ORIGIN }), ORIGIN))).toBe(
      'accepted',
    );
    expect(
      reason(() => parseOfferLink(link({ ...offer, credential_issuer: 'http://evil.example' }), ORIGIN)),
    ).toBe('insecure-issuer');
    const uri = encodeURIComponent('http://evil.example/o');
    expect(
      reason(() => parseOfferLink(`openid-credential-offer://?credential_offer_uri=${uri}`, ORIGIN)),
    ).toBe('insecure-issuer');
  });

  it('refuses garbage, oversized, control characters and offers without a grant', () => {
    expect(reason(() => parseOfferLink('hello', ORIGIN))).toBe('malformed');
    expect(
      reason(() => parseOfferLink('https://elsewhere.example/wallet/offer?credential_offer=%7B%7D', ORIGIN)),
    ).toBe('malformed');
    expect(
      reason(() => parseOfferLink('openid-credential-offer://?credential_offer=%7Bnot json', ORIGIN)),
    ).toBe('malformed');
    expect(reason(() => parseOfferLink(`openid-credential-offer://?x=${'a'.repeat(9000)}`, ORIGIN))).toBe(
      'too-large',
    );
    expect(
      reason(() => parseOfferLink(link({ ...offer, credential_configuration_ids: ['a\u0007'] }), ORIGIN)),
    ).toBe('malformed');
    expect(reason(() => parseOfferLink(link({ ...offer, grants: {} }), ORIGIN))).toBe('no-grant');
    expect(reason(() => parseOfferLink(link({ ...offer, credential_configuration_ids: [] }), ORIGIN))).toBe(
      'malformed',
    );
  });

  it('checks a transaction code against what the issuer described', () => {
    const numeric = { inputMode: 'numeric' as const, length: 6, description: null };
    expect(isValidTxCode('123456', numeric)).toBe(true);
    expect(isValidTxCode('12345', numeric)).toBe(false);
    expect(isValidTxCode('12345a', numeric)).toBe(false);
    expect(isValidTxCode('ab\u0000cd', { inputMode: 'text', length: null, description: null })).toBe(false);
    expect(isValidTxCode('abcd', { inputMode: 'text', length: null, description: null })).toBe(true);
  });
});
