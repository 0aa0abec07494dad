/**
 * Who may get a signing certificate, and how the register is asked for their name: decided here,
 * below HTTP.
 */
import { LOA_HIGH, LOA_LOW, LOA_SUBSTANTIAL } from '@civitas/contracts/api/passkeys.ts';
import type { CallContext } from '../exchange/index.ts';
import { AppError } from '../kernel/index.ts';

/** The purpose and legal basis of reading a person's name for their signing certificate. */
export const CERTIFICATE_ISSUANCE = {
  purpose: 'signing-certificate-issuance',
  legalBasis: 'eidas-regulation-art-24',
} as const;

const RANK: Readonly<Record<string, number>> = { [LOA_LOW]: 1, [LOA_SUBSTANTIAL]: 2, [LOA_HIGH]: 3 };

/**
 * A signing certificate binds a key to a person for legal effect: it is issued only to a session
 * that began with the eID itself (its PIN: the highest level this eID node gives, "substantial"),
 * never to one that began with a synchronised passkey ("low"). A token that records no level is
 * a demo scripting token (refused in production by the token check itself).
 */
export function checkIssuanceAssurance(acr: unknown): void {
  if (acr === undefined) return;
  if (typeof acr !== 'string' || (RANK[acr] ?? 0) < RANK[LOA_SUBSTANTIAL]!) {
    throw new AppError(
      'signing-assurance-too-low',
      'Sign in with your eID card and PIN to get a signing certificate.',
    );
  }
}

/** The register read behind a certificate: the person is both the subject and the user. */
export function issuanceAccess(personalNumber: string): CallContext {
  return { ...CERTIFICATE_ISSUANCE, dataSubject: personalNumber, userId: personalNumber };
}
