/**
 * What the JWT and CWT status list verifiers share: a verification made once per token (and
 * anchors), and the checks made again on every use of it, since a cached token grows old.
 */
import { WalletVerificationError } from '../errors.ts';

/** A verified token's claims that depend on the time of use. */
export interface TimedStatusListToken {
  sub: string;
  iat: number;
  exp: number | null;
  /** When the signer's certificate path is valid. */
  signerValid: { notBefore: Date; notAfter: Date };
}

export function statusListUnavailable(detail: string): never {
  throw new WalletVerificationError('status-list-unavailable', detail);
}

const CACHE_LIMIT = 64;

/** The verification of `id`, made once; a failed one is forgotten, so the next use tries again. */
export function verifiedOnce<T>(
  cache: Map<string, Promise<T>>,
  id: string,
  verify: () => Promise<T>,
): Promise<T> {
  let pending = cache.get(id);
  if (!pending) {
    if (cache.size >= CACHE_LIMIT) cache.clear();
    pending = verify();
    cache.set(id, pending);
    pending.catch(() => cache.delete(id));
  }
  return pending;
}

/** Checked at each use: the signer is valid now, the token is the credential's list, not expired, not from the future. */
export function checkStatusListTokenNow(verified: TimedStatusListToken, uri: string, now: Date): void {
  if (now < verified.signerValid.notBefore || now > verified.signerValid.notAfter)
    statusListUnavailable("the status list signer's certificate is not valid now");
  if (verified.sub !== uri)
    statusListUnavailable("the status list token's sub is not the credential's status URI");
  const seconds = now.getTime() / 1000;
  if (verified.exp !== null && seconds >= verified.exp)
    statusListUnavailable('the status list token has expired');
  if (verified.iat > seconds + 300) statusListUnavailable('the status list token is issued in the future');
}
