/**
 * IETF Token Status List as a CWT (`application/statuslist+cwt`, draft-ietf-oauth-status-list §5.2),
 * the list mdoc credentials reference: a COSE_Sign1 (tag 18) signed by an `X509Signer` with its
 * chain in x5chain, protected header `typ` (16) = `application/statuslist+cwt`, and claims `sub`
 * (2), `iat` (6), `exp` (4), `ttl` (65534), `status_list` (65533) = `{bits, lst}` with `lst` the
 * zlib-deflated status bytes (`@sd-jwt/jwt-status-list` packs and compresses them, as for the JWT:
 * `@owf/token-status-list` would too, but loading it re-registers CBOR tags 24/0/1004 globally for
 * its own classes, which breaks `@owf/mdoc` decoding in the same process). Verifiers check
 * the signature and chain against the same anchors as credentials, `sub`, `exp`.
 */
import { cborDecode, cborEncode } from '@owf/mdoc';
import { StatusList } from '@sd-jwt/jwt-status-list';
import { COSE_ALG_ES256, COSE_HEADER, sign1Parts, sign1ToBeSigned, x5chainOf } from '../mdoc/cose.ts';
import { bytesKey, fromBase64, fromBase64Url, toBase64, toBase64Url, verifyEs256 } from '../mdoc/crypto.ts';
import { verifyCertificateChain } from '../trust/x5c.ts';
import {
  type BuildStatusListInput,
  checkStatusListTokenNow,
  type StatusListClaims,
  type StatusListSigner,
  statusListUnavailable,
  verifiedOnce,
} from './verified.ts';

export const STATUS_LIST_CWT_TYPE = 'application/statuslist+cwt';
const CLAIM = { sub: 2, exp: 4, iat: 6, statusList: 65533, ttl: 65534 } as const;
const COSE_SIGN1_TAG_BYTE = 0xd2;
const CWT_TAG_BYTES = [0xd8, 0x3d];
const MAX_TOKEN_BYTES = 4 * 1024 * 1024;

/** The same input as the JWT list's. */
export type BuildStatusListCwtInput = BuildStatusListInput;

export type StatusListCwtToken = StatusListClaims;

export interface VerifiedStatusListCwt extends StatusListCwtToken, StatusListSigner {}

const unavailable = statusListUnavailable;

/** The signed status list token: tagged COSE_Sign1 bytes. */
export async function buildStatusListCwt(input: BuildStatusListCwtInput): Promise<Uint8Array> {
  const { uri, bits, issuedAt, expiresAt, ttl, signer } = input;
  if (![1, 2, 4, 8].includes(bits)) throw new TypeError('bits must be 1, 2, 4 or 8');
  if (input.statuses.length === 0) throw new TypeError('a status list has at least one entry');
  if (typeof uri !== 'string' || !/^https?:\/\/\S+$/.test(uri))
    throw new TypeError('uri must be an http(s) URL');
  const statuses = Array.from(input.statuses);
  if (statuses.some((status) => !Number.isInteger(status) || status < 0 || status >= 2 ** bits)) {
    throw new TypeError(`a status must be an integer from 0 to ${2 ** bits - 1}`);
  }
  const lst = fromBase64Url(new StatusList(statuses, bits).compressStatusList());
  const claims = new Map<number, unknown>([
    [CLAIM.sub, uri],
    [CLAIM.iat, issuedAt],
  ]);
  if (expiresAt !== undefined) claims.set(CLAIM.exp, expiresAt);
  if (ttl !== undefined) claims.set(CLAIM.ttl, ttl);
  claims.set(
    CLAIM.statusList,
    new Map<string, unknown>([
      ['bits', bits],
      ['lst', lst],
    ]),
  );
  const payload = cborEncode(claims);
  const protectedBytes = cborEncode(
    new Map<number, unknown>([
      [COSE_HEADER.alg, COSE_ALG_ES256],
      [COSE_HEADER.typ, STATUS_LIST_CWT_TYPE],
    ]),
  );
  const x5chain = signer.x5c.map(fromBase64);
  const unprotected = new Map([[COSE_HEADER.x5chain, x5chain.length === 1 ? x5chain[0] : x5chain]]);
  const signature = await signer.sign(sign1ToBeSigned(protectedBytes, payload));
  const sign1 = cborEncode([protectedBytes, unprotected, payload, signature]);
  const tagged = new Uint8Array(sign1.length + 1);
  tagged[0] = COSE_SIGN1_TAG_BYTE;
  tagged.set(sign1, 1);
  return tagged;
}

function coseSign1(token: Uint8Array) {
  if (token.length === 0 || token.length > MAX_TOKEN_BYTES) throw new Error('empty or too long');
  let bytes = token;
  if (bytes[0] === CWT_TAG_BYTES[0] && bytes[1] === CWT_TAG_BYTES[1]) bytes = bytes.subarray(2);
  if (bytes[0] === COSE_SIGN1_TAG_BYTE) bytes = bytes.subarray(1);
  const parts = sign1Parts(cborDecode(bytes, { unwrapTopLevelDataItem: false }));
  if (!parts?.payload) throw new Error('not a COSE_Sign1 with a payload');
  if (parts.protectedHeaders.get(COSE_HEADER.typ) !== STATUS_LIST_CWT_TYPE) {
    throw new Error(`typ is not ${STATUS_LIST_CWT_TYPE}`);
  }
  return { ...parts, payload: parts.payload };
}

function claimsOf(payload: Uint8Array): StatusListCwtToken {
  const claims = cborDecode(payload, { unwrapTopLevelDataItem: false });
  if (!(claims instanceof Map)) throw new Error('the claims are not a map');
  const sub = claims.get(CLAIM.sub);
  const iat = claims.get(CLAIM.iat);
  const exp = claims.get(CLAIM.exp) ?? null;
  const ttl = claims.get(CLAIM.ttl) ?? null;
  const statusList = claims.get(CLAIM.statusList);
  if (typeof sub !== 'string' || !Number.isSafeInteger(iat)) throw new Error('sub or iat missing');
  if (exp !== null && !Number.isSafeInteger(exp)) throw new Error('exp is not an integer');
  if (ttl !== null && (!Number.isSafeInteger(ttl) || ttl < 0))
    throw new Error('ttl is not a positive integer');
  const bits = statusList instanceof Map ? statusList.get('bits') : undefined;
  const lst = statusList instanceof Map ? statusList.get('lst') : undefined;
  if (bits !== 1 && bits !== 2 && bits !== 4 && bits !== 8) throw new Error('bits must be 1, 2, 4 or 8');
  if (!(lst instanceof Uint8Array)) throw new Error('lst is not bytes');
  const list = StatusList.decompressStatusList(toBase64Url(lst), bits);
  return { sub, iat, exp, ttl, bits, list };
}

/** Reads a status list CWT without checking its signature (for display and tests). */
export function parseStatusListCwt(token: Uint8Array): StatusListCwtToken {
  return claimsOf(coseSign1(token).payload);
}

/** Signature and chain first: an untrusted token never reaches CBOR claims or zlib. */
async function verifyCwt(token: Uint8Array, trustAnchors: readonly string[], now: Date) {
  let sign1: ReturnType<typeof coseSign1>;
  try {
    sign1 = coseSign1(token);
  } catch (error) {
    return unavailable(`the status list token is malformed: ${(error as Error).message}`);
  }
  if (sign1.protectedHeaders.get(COSE_HEADER.alg) !== COSE_ALG_ES256)
    unavailable('the status list is not ES256');
  const x5chain = x5chainOf(sign1) ?? unavailable('the status list token has no x5chain');
  let chain: Awaited<ReturnType<typeof verifyCertificateChain>>;
  try {
    chain = await verifyCertificateChain(x5chain.map(toBase64), trustAnchors, now);
  } catch (error) {
    return unavailable(`the status list signer is not trusted: ${(error as Error).message}`);
  }
  const toBeSigned = sign1ToBeSigned(sign1.protectedBytes, sign1.payload);
  if (!(await verifyEs256(chain.publicKey, sign1.signature, toBeSigned))) {
    unavailable("the status list token's signature does not verify");
  }
  try {
    return {
      ...claimsOf(sign1.payload),
      signer: chain.subject,
      signerValid: { notBefore: chain.notBefore, notAfter: chain.notAfter },
    };
  } catch (error) {
    return unavailable(`the status list token is malformed: ${(error as Error).message}`);
  }
}

const verifiedTokens = new Map<string, Promise<VerifiedStatusListCwt>>();

/**
 * Verifies a status list CWT for `uri` at `now`: signature and x5chain to the anchors, `typ`, `sub`,
 * `exp`, `iat` not in the future. Verified tokens are cached by their bytes. Throws
 * `status-list-unavailable`.
 */
export async function verifyStatusListCwt(
  token: Uint8Array,
  context: { trustAnchors: readonly string[]; now: Date; uri: string },
): Promise<VerifiedStatusListCwt> {
  if (!(token instanceof Uint8Array) || token.length === 0 || token.length > MAX_TOKEN_BYTES) {
    unavailable('the status list token is empty or too long');
  }
  const id = `${context.trustAnchors.join('|')}#${bytesKey(token)}`;
  const verified = await verifiedOnce(verifiedTokens, id, () =>
    verifyCwt(token, context.trustAnchors, context.now),
  );
  checkStatusListTokenNow(verified, context.uri, context.now);
  return verified;
}

/** The status at `idx`: 0 valid, 1 invalid (revoked), 2 suspended, 3+ application-specific. */
export function statusAt(list: StatusList | StatusListCwtToken, idx: number): number {
  const statuses = list instanceof StatusList ? list : list.list;
  if (!Number.isSafeInteger(idx) || idx < 0 || idx >= statuses.statusList.length) {
    throw new RangeError(`status index ${idx} is outside the list`);
  }
  return statuses.getStatus(idx);
}
