import { describe, expect, it } from 'vitest';
import { failureOf, wellKnownUrl } from './issuance.ts';

describe('the wallet’s OpenID4VCI client', () => {
  it('finds metadata with the well-known segment before the issuer’s path', () => {
    expect(wellKnownUrl('https://civitas.example', 'openid-credential-issuer')).toBe(
      'https://civitas.example/.well-known/openid-credential-issuer',
    );
    expect(wellKnownUrl('https://civitas.example/oidc', 'oauth-authorization-server')).toBe(
      'https://civitas.example/.well-known/oauth-authorization-server/oidc',
    );
    expect(wellKnownUrl('https://civitas.example/tenant/', 'openid-credential-issuer')).toBe(
      'https://civitas.example/.well-known/openid-credential-issuer/tenant',
    );
  });

  it('tells a wrong transaction code from a used or expired offer from any other refusal', () => {
    expect(failureOf('issuance-tx-code-wrong')).toBe('tx-code-wrong');
    expect(failureOf('issuance-offer-exhausted')).toBe('offer-expired');
    expect(failureOf('issuance-code-expired')).toBe('offer-expired');
    expect(failureOf('invalid_grant')).toBe('offer-expired');
    expect(failureOf('issuance-proof-invalid')).toBe('refused');
    expect(failureOf('500')).toBe('refused');
  });
});
