/**
 * The holder's side of SD-JWT VC (browser-safe): reading a stored credential for the wallet's card,
 * and presenting it with only the chosen disclosures and a key-binding JWT (`typ: kb+jwt`) signed
 * through a callback, so the device key can stay a non-extractable WebCrypto key.
 */
import { WalletVerificationError } from '../errors.ts';
import type { PublicJwk, StatusReference } from '../formats.ts';
import { isPublicP256Jwk, parseCompactJws, type SignBytes, signCompactJws } from '../trust/jws.ts';
import { digestOf } from './hash.ts';
import { type Disclosure, decodeDisclosure, flattenClaims, resolveDisclosures, splitSdJwt } from './parse.ts';

export interface KeyBindingInput {
  /** The verifier's client identifier. */
  aud: string;
  nonce: string;
  /** Seconds since the epoch. */
  iat: number;
  /** Signs with the device key bound in `cnf.jwk`: ES256, raw r‖s. */
  sign: SignBytes;
}

export interface DecodedSdJwtVc {
  header: Record<string, unknown>;
  vct: string;
  issuer: string;
  issuedAt: number | null;
  expiresAt: number | null;
  holder: PublicJwk | null;
  status: StatusReference | null;
  /** All claims with every disclosure applied (nested as issued), without the JWT's own claims. */
  claims: Record<string, unknown>;
  /** The same, flattened by path joined with '.' (as `VerifiedCredential.claims`). */
  flat: Record<string, unknown>;
  /** The paths the holder may choose to disclose or withhold. */
  disclosable: string[][];
}

function statusOf(payload: Record<string, unknown>): StatusReference | null {
  const list = (payload.status as { status_list?: { idx?: unknown; uri?: unknown } } | undefined)
    ?.status_list;
  if (!list || typeof list.uri !== 'string' || !Number.isSafeInteger(list.idx)) return null;
  return { uri: list.uri, idx: list.idx as number };
}

/** Where each disclosure's claim sits in the credential (by digest). */
export function disclosurePaths(
  payload: unknown,
  byDigest: ReadonlyMap<string, Disclosure>,
  path: string[] = [],
  out = new Map<string, string[]>(),
) {
  if (Array.isArray(payload)) {
    payload.forEach((element, i) => {
      const digest = (element as Record<string, unknown> | null)?.['...'];
      const disclosure = typeof digest === 'string' ? byDigest.get(digest) : undefined;
      if (disclosure) {
        out.set(disclosure.digest, [...path, String(i)]);
        disclosurePaths(disclosure.value, byDigest, [...path, String(i)], out);
      } else disclosurePaths(element, byDigest, [...path, String(i)], out);
    });
  } else if (typeof payload === 'object' && payload !== null) {
    for (const [key, value] of Object.entries(payload)) {
      if (key !== '_sd') disclosurePaths(value, byDigest, [...path, key], out);
    }
    const digests = (payload as { _sd?: unknown })._sd;
    for (const digest of Array.isArray(digests) ? digests : []) {
      const disclosure = typeof digest === 'string' ? byDigest.get(digest) : undefined;
      if (disclosure?.name === undefined) continue;
      out.set(disclosure.digest, [...path, disclosure.name]);
      disclosurePaths(disclosure.value, byDigest, [...path, disclosure.name], out);
    }
  }
  return out;
}

function open(credential: string) {
  const split = splitSdJwt(credential);
  let jws: ReturnType<typeof parseCompactJws>;
  try {
    jws = parseCompactJws(split.jwt);
  } catch {
    throw new WalletVerificationError('credential-malformed', 'the issuer-signed JWT is not a compact JWS');
  }
  const disclosures = split.disclosures.map(decodeDisclosure);
  const claims = resolveDisclosures(jws.payload, disclosures);
  const byDigest = new Map(disclosures.map((disclosure) => [disclosure.digest, disclosure]));
  return { split, jws, disclosures, claims, paths: disclosurePaths(jws.payload, byDigest) };
}

/** Reads a credential for display (no signature check: the holder checked it when it was issued). */
export function decodeSdJwtVc(credential: string): DecodedSdJwtVc {
  const { jws, claims, paths } = open(credential);
  const payload = jws.payload;
  const number = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : null);
  const jwk = (payload.cnf as { jwk?: unknown } | undefined)?.jwk;
  const own = Object.fromEntries(
    Object.entries(claims).filter(
      ([key]) => !['iss', 'vct', 'cnf', 'status', 'iat', 'nbf', 'exp'].includes(key),
    ),
  );
  return {
    header: jws.header,
    vct: typeof payload.vct === 'string' ? payload.vct : '',
    issuer: typeof payload.iss === 'string' ? payload.iss : '',
    issuedAt: number(payload.iat),
    expiresAt: number(payload.exp),
    holder: isPublicP256Jwk(jwk) ? jwk : null,
    status: statusOf(payload),
    claims: own,
    flat: flattenClaims(claims),
    disclosable: [...paths.values()],
  };
}

/** Whether the (fully disclosed) claims have something at `path` (object keys, array indexes). */
function hasPath(claims: unknown, path: readonly string[]): boolean {
  let value = claims;
  for (const segment of path) {
    if (typeof value !== 'object' || value === null || !Object.hasOwn(value, segment)) return false;
    value = (value as Record<string, unknown>)[segment];
  }
  return true;
}

const startsWith = (path: readonly string[], prefix: readonly string[]) =>
  prefix.length <= path.length && prefix.every((segment, i) => path[i] === segment);

/**
 * The SD-JWT with only the disclosures needed for `disclose` (each path, the objects above it and
 * everything below it) and a KB-JWT over it: `<jwt>~<d>~…~<kb-jwt>`.
 */
export async function presentSdJwtVc(
  credential: string,
  disclose: readonly (readonly string[])[],
  keyBinding: KeyBindingInput,
): Promise<string> {
  const { split, disclosures, paths, claims } = open(credential);
  for (const wanted of disclose)
    if (wanted.length === 0 || !hasPath(claims, wanted))
      throw new TypeError(`presentSdJwtVc: no claim at ${wanted.join('.')}`);
  const chosen = disclosures.filter((disclosure) => {
    const path = paths.get(disclosure.digest) ?? [];
    return disclose.some((wanted) => startsWith(wanted, path) || startsWith(path, wanted));
  });
  const presented = `${split.jwt}~${chosen.map((disclosure) => `${disclosure.encoded}~`).join('')}`;
  const { aud, nonce, iat } = keyBinding;
  const kbJwt = await signCompactJws(
    { typ: 'kb+jwt', alg: 'ES256' },
    { iat, aud, nonce, sd_hash: digestOf(presented) },
    keyBinding.sign,
  );
  return `${presented}${kbJwt}`;
}
