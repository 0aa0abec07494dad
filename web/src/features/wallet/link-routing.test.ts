import { describe, expect, it } from 'vitest';
import { walletPathForLink } from './link-routing.ts';

const ORIGIN = 'https://civitas.example';

describe('links the wallet opens', () => {
  it('sends credential offers to the offer screen, keeping the query', () => {
    expect(walletPathForLink('openid-credential-offer://?credential_offer_uri=https%3A%2F%2Fx', ORIGIN)).toBe(
      '/wallet/offer?credential_offer_uri=https%3A%2F%2Fx',
    );
    expect(walletPathForLink(`${ORIGIN}/wallet/offer?credential_offer=%7B%7D`, ORIGIN)).toBe(
      '/wallet/offer?credential_offer=%7B%7D',
    );
  });

  it('sends presentation requests to the consent screen, keeping the query', () => {
    expect(
      walletPathForLink(
        'openid4vp://?client_id=x509_san_dns%3Ashop.example&request_uri=https%3A%2F%2Fs',
        ORIGIN,
      ),
    ).toBe('/wallet/present?client_id=x509_san_dns%3Ashop.example&request_uri=https%3A%2F%2Fs');
    expect(walletPathForLink('openid4vp://?client_id=x', ORIGIN)).toBeNull();
  });

  it('opens nothing else', () => {
    expect(walletPathForLink('https://evil.example/wallet/offer?credential_offer=%7B%7D', ORIGIN)).toBeNull();
    expect(walletPathForLink('openid-credential-offer://?other=1', ORIGIN)).toBeNull();
    expect(walletPathForLink('javascript:alert(1)', ORIGIN)).toBeNull();
    expect(walletPathForLink('not a link', ORIGIN)).toBeNull();
  });
});
