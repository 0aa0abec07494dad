import crypto from 'node:crypto';
import { calculateJwkThumbprint, decodeProtectedHeader, EmbeddedJWK, jwtVerify } from 'jose';
import { AppError } from '../kernel/index.ts';

/** The DPoP proof algorithms accepted (as advertised in the eID node's discovery). */
export const DPOP_ALGORITHMS = ['ES256'];
/** A proof is fresh for this long either side of its `iat` (clock skew included). */
export const DPOP_PROOF_WINDOW_S = 60;
const REPLAY_CACHE_SIZE = 100_000;

export interface ProofExpectation {
  method: string;
  /** The request's URL without query or fragment. */
  url: string;
  accessToken: string;
  /** The JWK thumbprint (RFC 7638) the token's `cnf.jkt` names. */
  boundKey: string;
}

export type DpopProofChecker = (proof: string | undefined, expected: ProofExpectation) => Promise<void>;

/**
 * Checks a DPoP proof (RFC 9449 §4.3) sent with a bound access token to the API: a JWT of type
 * `dpop+jwt`, ES256, signed by the public key in its own header, that key being the one the
 * token is bound to; for this method (`htm`) and URL (`htu`), recent (`iat`), for this token
 * (`ath`), and never seen before (`jti`).
 *
 * Seen `jti`s are remembered in this process for twice the freshness window. Behind a load
 * balancer a proof replayed to another node within that minute is not caught there: the token it
 * carries is still bound to the key, so a replay repeats the same request only.
 */
export function createDpopProofChecker(now: () => number = Date.now): DpopProofChecker {
  const seen = new Map<string, number>();
  const remember = (key: string, until: number) => {
    if (seen.size >= REPLAY_CACHE_SIZE) {
      const at = now();
      for (const [entry, expiry] of seen) if (expiry <= at) seen.delete(entry);
      if (seen.size >= REPLAY_CACHE_SIZE) seen.delete(seen.keys().next().value!);
    }
    seen.set(key, until);
  };
  return async (proof, expected) => {
    if (!proof) throw refused('Send a DPoP proof in the "DPoP" header.');
    let header: ReturnType<typeof decodeProtectedHeader>;
    let payload: Record<string, unknown>;
    try {
      header = decodeProtectedHeader(proof);
      ({ payload } = await jwtVerify(proof, EmbeddedJWK, { typ: 'dpop+jwt', algorithms: DPOP_ALGORITHMS }));
    } catch {
      throw refused('The DPoP proof is not a valid dpop+jwt signed with ES256 by the key in its header.');
    }
    if (!header.jwk || (await calculateJwkThumbprint(header.jwk, 'sha256')) !== expected.boundKey) {
      throw refused('The DPoP proof is signed with another key than the one the token is bound to.');
    }
    if (payload.htm !== expected.method) throw refused('The DPoP proof is for another HTTP method.');
    if (typeof payload.htu !== 'string' || stripped(payload.htu) !== stripped(expected.url)) {
      throw refused('The DPoP proof is for another URL.');
    }
    const at = now();
    if (typeof payload.iat !== 'number' || Math.abs(at / 1000 - payload.iat) > DPOP_PROOF_WINDOW_S) {
      throw refused('The DPoP proof is not fresh: make a new one for each request.');
    }
    const hash = crypto.createHash('sha256').update(expected.accessToken).digest('base64url');
    if (payload.ath !== hash) throw refused('The DPoP proof is for another access token (ath).');
    if (typeof payload.jti !== 'string' || payload.jti.length < 8 || payload.jti.length > 256) {
      throw refused('The DPoP proof needs a unique jti.');
    }
    const replayKey = `${expected.boundKey}:${payload.jti}`;
    const until = seen.get(replayKey);
    if (until !== undefined && until > at) throw refused('This DPoP proof was used before: make a new one.');
    remember(replayKey, at + 2 * DPOP_PROOF_WINDOW_S * 1000);
  };
}

/** `htu` is compared without query and fragment (RFC 9449 §4.3, point 9). */
function stripped(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname}`;
  } catch {
    return '';
  }
}

function refused(detail: string): AppError {
  return new AppError('dpop-proof-invalid', detail);
}
