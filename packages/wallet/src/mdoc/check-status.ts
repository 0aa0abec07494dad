/**
 * The status step of mdoc verification: the MSO's `status.status_list {idx, uri}` looked up in the
 * CWT status list the verifier fetches (or reads from its offline cache) through `statusList(uri)`.
 */
import { WalletVerificationError } from '../errors.ts';
import type { CredentialStatus, VerificationContext } from '../formats.ts';
import { statusAt, verifyStatusListCwt } from '../status-list/cwt.ts';
import { credentialStatusOf } from '../status-list/jwt.ts';
import { fromBase64Url } from './crypto.ts';

export async function fetchStatus(
  reference: { idx: number; uri: string },
  context: Pick<VerificationContext, 'statusList' | 'trustAnchors' | 'now'>,
): Promise<CredentialStatus> {
  let token: string | Uint8Array;
  try {
    token = await context.statusList(reference.uri);
  } catch (error) {
    throw new WalletVerificationError(
      'status-list-unavailable',
      `the status list could not be fetched: ${(error as Error).message}`,
    );
  }
  const bytes = typeof token === 'string' ? tokenBytes(token) : token;
  const list = await verifyStatusListCwt(bytes, { ...context, uri: reference.uri });
  let status: number;
  try {
    status = statusAt(list, reference.idx);
  } catch {
    throw new WalletVerificationError('status-list-unavailable', 'the status index is outside the list');
  }
  const result = credentialStatusOf(status);
  if (result === 'revoked')
    throw new WalletVerificationError('credential-revoked', 'the issuer has revoked this mdoc');
  if (result === 'suspended')
    throw new WalletVerificationError('credential-suspended', 'the issuer has suspended this mdoc');
  return result;
}

/** A CWT handed over as text (e.g. from an offline cache in JSON) is base64url. */
function tokenBytes(token: string): Uint8Array {
  try {
    return fromBase64Url(token.trim());
  } catch {
    throw new WalletVerificationError(
      'status-list-unavailable',
      'the status list is neither bytes nor base64url',
    );
  }
}
