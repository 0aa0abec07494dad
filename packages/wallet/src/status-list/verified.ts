/**
 * What the JWT and CWT status list verifiers share: a verification made once per token (and
 * anchors), and the checks made again on every use of it, since a cached token grows old.
 */
import type { BitsPerStatus, StatusList } from '@sd-jwt/jwt-status-list';
import { WalletVerificationError } from '../errors.ts';
import type { X509Signer } from '../formats.ts';
import type { CertificateSubject } from '../trust/x5c.ts';

/** What a status list token is built from, JWT or CWT alike. */
export interface BuildStatusListInput {
  /** The list's URI: the token's `sub`, and what credentials reference in `status.status_list.uri`. */
  uri: string;
  /** One status per index (0 valid, 1 invalid, 2 suspended; up to 2^bits − 1). */
  statuses: ArrayLike<number>;
  bits: BitsPerStatus;
  /** Seconds since the epoch. */
  issuedAt: number;
  expiresAt?: number;
  /** How long (seconds) a fetched copy may be cached before a fresh one should be fetched. */
  ttl?: number;
  signer: X509Signer;
}

/** A status list token's claims, JWT or CWT alike. */
export interface StatusListClaims {
  sub: string;
  iat: number;
  exp: number | null;
  ttl: number | null;
  bits: BitsPerStatus;
  list: StatusList;
}

/** Who signed a verified token, and when that signer's certificate path is valid. */
export interface StatusListSigner {
  signer: CertificateSubject;
  /** Checked again on each use of a cached token. */
  signerValid: { notBefore: Date; notAfter: Date };
}

/** A verified token's claims that depend on the time of use. */
export type TimedStatusListToken = Pick<StatusListClaims, 'sub' | 'iat' | 'exp'> &
  Pick<StatusListSigner, 'signerValid'>;

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
