/**
 * Reading an SD-JWT (browser-safe, synchronous): splitting `<jwt>~<disclosure>~…~[<kb-jwt>]`,
 * decoding disclosures, and resolving the payload's digests into the disclosed claims — with the
 * checks the libraries leave out: a disclosure no digest references, the same disclosure twice, a
 * digest appearing twice, a disclosure of the wrong kind for where its digest sits.
 */
import { WalletVerificationError } from '../errors.ts';
import { fromBase64url, fromUtf8 } from '../trust/encoding.ts';
import { digestOf } from './hash.ts';

export interface Disclosure {
  encoded: string;
  digest: string;
  salt: string;
  /** The claim name (object property disclosure); absent for an array element disclosure. */
  name?: string;
  value: unknown;
}

export interface SplitSdJwt {
  /** The issuer-signed JWT. */
  jwt: string;
  disclosures: string[];
  /** The key-binding JWT, or null when the SD-JWT ends with `~`. */
  kbJwt: string | null;
  /** Everything up to and including the last `~` (what `sd_hash` covers). */
  withoutKb: string;
}

export const MAX_SD_JWT_CHARS = 256 * 1024;
const MAX_DISCLOSURES = 512;
const MAX_DEPTH = 16;

function malformed(detail: string): never {
  throw new WalletVerificationError('credential-malformed', detail);
}

function tampered(detail: string): never {
  throw new WalletVerificationError('disclosure-tampered', detail);
}

export function splitSdJwt(compact: string): SplitSdJwt {
  if (typeof compact !== 'string' || compact.length === 0) malformed('the SD-JWT is empty');
  if (compact.length > MAX_SD_JWT_CHARS) malformed('the SD-JWT is too long');
  const parts = compact.split('~');
  if (parts.length < 2) malformed('an SD-JWT has at least one ~');
  if (parts.length - 2 > MAX_DISCLOSURES) malformed('too many disclosures');
  const last = parts[parts.length - 1] as string;
  const disclosures = parts.slice(1, -1);
  if (disclosures.some((disclosure) => disclosure.length === 0)) malformed('an empty disclosure');
  return {
    jwt: parts[0] as string,
    disclosures,
    kbJwt: last === '' ? null : last,
    withoutKb: compact.slice(0, compact.length - last.length),
  };
}

export function decodeDisclosure(encoded: string): Disclosure {
  let array: unknown;
  try {
    array = JSON.parse(fromUtf8(fromBase64url(encoded)));
  } catch {
    return tampered('a disclosure is not base64url JSON');
  }
  if (!Array.isArray(array) || (array.length !== 2 && array.length !== 3))
    tampered('a disclosure is not a 2- or 3-element array');
  if (typeof array[0] !== 'string') tampered("a disclosure's salt is not a string");
  const digest = digestOf(encoded);
  if (array.length === 2) return { encoded, digest, salt: array[0], value: array[1] };
  const name = array[1];
  if (typeof name !== 'string' || ['_sd', '...', '_sd_alg', '__proto__'].includes(name))
    tampered("a disclosure's claim name is not allowed");
  return { encoded, digest, salt: array[0], name, value: array[2] };
}

interface Resolution {
  byDigest: Map<string, Disclosure>;
  seen: Set<string>;
  used: Set<string>;
}

function resolveArray(array: readonly unknown[], state: Resolution, depth: number): unknown[] {
  const out: unknown[] = [];
  for (const element of array) {
    if (
      typeof element === 'object' &&
      element !== null &&
      !Array.isArray(element) &&
      Object.hasOwn(element, '...')
    ) {
      const keys = Object.keys(element);
      const digest = (element as Record<string, unknown>)['...'];
      if (keys.length !== 1 || typeof digest !== 'string')
        malformed('an array digest entry has other members');
      if (state.seen.has(digest))
        throw new WalletVerificationError('disclosure-duplicate', 'a digest appears twice');
      state.seen.add(digest);
      const disclosure = state.byDigest.get(digest);
      if (!disclosure) continue;
      if (disclosure.name !== undefined) tampered('an object property disclosure referenced from an array');
      state.used.add(digest);
      out.push(resolveValue(disclosure.value, state, depth + 1));
    } else out.push(resolveValue(element, state, depth + 1));
  }
  return out;
}

function resolveObject(
  object: Record<string, unknown>,
  state: Resolution,
  depth: number,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(object)) {
    if (key === '_sd') continue;
    if (key === '__proto__') malformed('a claim named __proto__');
    out[key] = resolveValue(value, state, depth + 1);
  }
  const digests = object._sd;
  if (digests === undefined) return out;
  if (!Array.isArray(digests)) malformed('_sd is not an array');
  for (const digest of digests) {
    if (typeof digest !== 'string') malformed('_sd holds a non-string');
    if (state.seen.has(digest))
      throw new WalletVerificationError('disclosure-duplicate', 'a digest appears twice');
    state.seen.add(digest);
    const disclosure = state.byDigest.get(digest);
    if (!disclosure) continue;
    if (disclosure.name === undefined) tampered('an array element disclosure referenced from an object');
    if (Object.hasOwn(out, disclosure.name))
      tampered(`claim ${disclosure.name} is disclosed and also in the clear`);
    state.used.add(digest);
    out[disclosure.name] = resolveValue(disclosure.value, state, depth + 1);
  }
  return out;
}

function resolveValue(value: unknown, state: Resolution, depth: number): unknown {
  if (depth > MAX_DEPTH) malformed('claims nested too deep');
  if (Array.isArray(value)) return resolveArray(value, state, depth);
  if (typeof value === 'object' && value !== null)
    return resolveObject(value as Record<string, unknown>, state, depth);
  return value;
}

/**
 * Replaces the payload's digests with the disclosed claims (recursively, disclosures inside
 * disclosures too). Throws `disclosure-duplicate`, `disclosure-unreferenced`, `disclosure-tampered`.
 */
export function resolveDisclosures(payload: Record<string, unknown>, disclosures: readonly Disclosure[]) {
  const byDigest = new Map<string, Disclosure>();
  for (const disclosure of disclosures) {
    if (byDigest.has(disclosure.digest))
      throw new WalletVerificationError('disclosure-duplicate', 'the same disclosure is given twice');
    byDigest.set(disclosure.digest, disclosure);
  }
  const state: Resolution = { byDigest, seen: new Set(), used: new Set() };
  const claims = resolveObject(payload, state, 0);
  if (state.used.size !== byDigest.size)
    throw new WalletVerificationError(
      'disclosure-unreferenced',
      'a disclosure is not referenced by any digest',
    );
  delete claims._sd_alg;
  return claims;
}

/** JWT claims about the credential itself (not about its subject). */
export const REGISTERED_CLAIMS = new Set([
  'iss',
  'sub',
  'vct',
  'cnf',
  'status',
  'iat',
  'nbf',
  'exp',
  '_sd_alg',
]);

/** Flattens claims to `path.joined.by.dots → value` (arrays and primitives are leaves). */
export function flattenClaims(
  claims: Record<string, unknown>,
  prefix = '',
  out: Record<string, unknown> = {},
) {
  for (const [key, value] of Object.entries(claims)) {
    if (!prefix && REGISTERED_CLAIMS.has(key)) continue;
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'object' && value !== null && !Array.isArray(value))
      flattenClaims(value as Record<string, unknown>, path, out);
    else out[path] = value;
  }
  return out;
}
