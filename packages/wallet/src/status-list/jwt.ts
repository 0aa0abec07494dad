/**
 * IETF Token Status List as a JWT (`typ: statuslist+jwt`, draft-ietf-oauth-status-list): built by
 * the issuer, signed by an `X509Signer` (header `x5c`), and read by verifiers — its signature and
 * chain against the same trust anchors as credentials, `sub` equal to the referenced URI, `exp`.
 * The list is `{bits, lst}` with `lst` the zlib-deflated, base64url status bytes
 * (`@sd-jwt/jwt-status-list` does the encoding). Verified tokens are cached by their text.
 */
import { StatusList } from '@sd-jwt/jwt-status-list';
import type { CredentialStatus } from '../formats.ts';
import { fromUtf8 } from '../trust/encoding.ts';
import { parseCompactJws, signCompactJws, verifyEs256 } from '../trust/jws.ts';
import { verifyCertificateChain } from '../trust/x5c.ts';
import {
  type BuildStatusListInput,
  checkStatusListTokenNow,
  type StatusListClaims,
  type StatusListSigner,
  statusListUnavailable,
  verifiedOnce,
} from './verified.ts';

export const STATUS_LIST_JWT_TYP = 'statuslist+jwt';
export const STATUS_VALID = 0;
export const STATUS_INVALID = 1;
export const STATUS_SUSPENDED = 2;
const MAX_TOKEN_CHARS = 4 * 1024 * 1024;

export type { BuildStatusListInput } from './verified.ts';

export interface StatusListToken extends StatusListClaims {
  header: Record<string, unknown>;
}

export interface VerifiedStatusList extends StatusListToken, StatusListSigner {}

const unavailable = statusListUnavailable;

/** The signed status list token, compact JWS. */
export async function buildStatusListToken(input: BuildStatusListInput): Promise<string> {
  const { uri, bits, issuedAt, expiresAt, ttl, signer } = input;
  if (![1, 2, 4, 8].includes(bits)) throw new TypeError('bits must be 1, 2, 4 or 8');
  if (input.statuses.length === 0) throw new TypeError('a status list has at least one entry');
  const statuses = Array.from(input.statuses);
  if (statuses.some((status) => !Number.isInteger(status) || status < 0 || status >= 2 ** bits))
    throw new TypeError(`a status must be an integer from 0 to ${2 ** bits - 1}`);
  const list = new StatusList(statuses, bits);
  const payload: Record<string, unknown> = {
    sub: uri,
    iat: issuedAt,
    ...(expiresAt !== undefined ? { exp: expiresAt } : {}),
    ...(ttl !== undefined ? { ttl } : {}),
    status_list: { bits, lst: list.compressStatusList() },
  };
  return signCompactJws(
    { alg: 'ES256', typ: STATUS_LIST_JWT_TYP, x5c: [...signer.x5c] },
    payload,
    signer.sign,
  );
}

function parsePayload(payload: Record<string, unknown>) {
  const { sub, iat, exp, ttl } = payload;
  const statusList = payload.status_list as { bits?: unknown; lst?: unknown } | undefined;
  if (typeof sub !== 'string') throw new Error('no sub');
  if (typeof iat !== 'number') throw new Error('no iat');
  if (exp !== undefined && typeof exp !== 'number') throw new Error('exp is not a number');
  if (ttl !== undefined && (typeof ttl !== 'number' || ttl < 0))
    throw new Error('ttl is not a positive number');
  const bits = statusList?.bits;
  if (bits !== 1 && bits !== 2 && bits !== 4 && bits !== 8) throw new Error('bits must be 1, 2, 4 or 8');
  if (typeof statusList?.lst !== 'string') throw new Error('no lst');
  const list = StatusList.decompressStatusList(statusList.lst, bits);
  return { sub, iat, exp: exp ?? null, ttl: ttl ?? null, bits, list } as const;
}

/** Reads a status list token without checking its signature (for display and tests). */
export function parseStatusListToken(token: string | Uint8Array): StatusListToken {
  const text = typeof token === 'string' ? token : fromUtf8(token);
  if (text.length > MAX_TOKEN_CHARS) throw new Error('status list token too long');
  const jws = parseCompactJws(text.trim());
  if (jws.header.typ !== STATUS_LIST_JWT_TYP) throw new Error(`typ is not ${STATUS_LIST_JWT_TYP}`);
  return { header: jws.header, ...parsePayload(jws.payload) };
}

async function verifyToken(
  text: string,
  trustAnchors: readonly string[],
  now: Date,
): Promise<VerifiedStatusList> {
  let jws: ReturnType<typeof parseCompactJws>;
  try {
    jws = parseCompactJws(text);
  } catch (error) {
    return unavailable(`the status list token is malformed: ${(error as Error).message}`);
  }
  if (jws.header.alg !== 'ES256' || jws.header.typ !== STATUS_LIST_JWT_TYP)
    unavailable(`the status list token is not ES256 ${STATUS_LIST_JWT_TYP}`);
  let chain: Awaited<ReturnType<typeof verifyCertificateChain>>;
  try {
    chain = await verifyCertificateChain(jws.header.x5c as string[], trustAnchors, now);
  } catch (error) {
    return unavailable(`the status list signer is not trusted: ${(error as Error).message}`);
  }
  if (!(await verifyEs256(chain.publicKey, jws.signature, jws.signingInput)))
    unavailable("the status list token's signature does not verify");
  // Only a signed list is decompressed: an untrusted one never reaches zlib.
  let token: StatusListToken;
  try {
    token = { header: jws.header, ...parsePayload(jws.payload) };
  } catch (error) {
    return unavailable(`the status list token is malformed: ${(error as Error).message}`);
  }
  return {
    ...token,
    signer: chain.subject,
    signerValid: { notBefore: chain.notBefore, notAfter: chain.notAfter },
  };
}

const verifiedTokens = new Map<string, Promise<VerifiedStatusList>>();

/**
 * Verifies a status list token for `uri` at `now`: signature and `x5c` chain to the anchors, `sub`,
 * `exp`. `ttl` is a caching directive for whoever fetches the token (the verifier's
 * `statusList(uri)`), not a reason to refuse it. Throws `status-list-unavailable`.
 */
export async function verifyStatusListToken(
  token: string | Uint8Array,
  context: { trustAnchors: readonly string[]; now: Date; uri: string },
): Promise<VerifiedStatusList> {
  let text: string;
  try {
    text = (typeof token === 'string' ? token : fromUtf8(token)).trim();
  } catch {
    return unavailable('the status list token is not UTF-8');
  }
  if (text.length === 0 || text.length > MAX_TOKEN_CHARS)
    unavailable('the status list token is empty or too long');
  const id = `${context.trustAnchors.join('|')}#${text}`;
  const verified = await verifiedOnce(verifiedTokens, id, () =>
    verifyToken(text, context.trustAnchors, context.now),
  );
  checkStatusListTokenNow(verified, context.uri, context.now);
  return verified;
}

/** The status at `idx`: 0 valid, 1 invalid (revoked), 2 suspended, 3+ application-specific. */
export function statusAt(list: StatusList | StatusListToken, idx: number): number {
  const statuses = list instanceof StatusList ? list : list.list;
  if (!Number.isSafeInteger(idx) || idx < 0 || idx >= statuses.statusList.length)
    throw new RangeError(`status index ${idx} is outside the list`);
  return statuses.getStatus(idx);
}

/** What a status value means to a verifier: anything but valid or suspended counts as revoked. */
export function credentialStatusOf(status: number): CredentialStatus {
  return status === STATUS_VALID ? 'valid' : status === STATUS_SUSPENDED ? 'suspended' : 'revoked';
}
