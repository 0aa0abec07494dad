import { LOA_HIGH, LOA_LOW, LOA_SUBSTANTIAL } from '@civitas/contracts/api/passkeys.ts';
import { describe, expect, it } from 'vitest';
import type { AppError } from '../kernel/index.ts';
import { checkIssuanceAssurance, issuanceAccess } from './policy.ts';

function refusal(acr: unknown): string | null {
  try {
    checkIssuanceAssurance(acr);
    return null;
  } catch (error) {
    return (error as AppError).code;
  }
}

describe('who may get a signing certificate', () => {
  it('needs a session of the eID PIN level or higher; a synchronised passkey’s "low" is refused', () => {
    expect(refusal(LOA_SUBSTANTIAL)).toBeNull();
    expect(refusal(LOA_HIGH)).toBeNull();
    expect(refusal(LOA_LOW)).toBe('signing-assurance-too-low');
    expect(refusal('http://example.com/LoA/made-up')).toBe('signing-assurance-too-low');
    expect(refusal(3)).toBe('signing-assurance-too-low');
  });

  it('reads the register as the person, for the signing purpose on eIDAS Art. 24', () => {
    expect(issuanceAccess('7501010010')).toEqual({
      purpose: 'signing-certificate-issuance',
      legalBasis: 'eidas-regulation-art-24',
      dataSubject: '7501010010',
      userId: '7501010010',
    });
  });
});
