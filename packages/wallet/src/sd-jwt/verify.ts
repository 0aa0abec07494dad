/**
 * The verifier's check of an SD-JWT VC presentation (browser-safe; the offline verifier uses it
 * too). Each failed check throws `WalletVerificationError` with its own code. Fast path: the issuer
 * chain is verified once per `x5c` (cached), holder keys are imported once, digests are hashed
 * synchronously, a status list token is verified once per token.
 */
import { WalletVerificationError } from '../errors.ts';
import type { VerificationContext, VerifiedCredential } from '../formats.ts';
import { credentialStatusOf, statusAt, verifyStatusListToken } from '../status-list/jwt.ts';
import {
  importPublicJwk,
  isPublicP256Jwk,
  type ParsedJws,
  parseCompactJws,
  verifyEs256,
} from '../trust/jws.ts';
import { verifyCertificateChain } from '../trust/x5c.ts';
import { digestOfAsync } from './hash.ts';
import { decodeDisclosure, flattenClaims, resolveDisclosures, type SplitSdJwt, splitSdJwt } from './parse.ts';

/** Header types accepted for the issuer-signed JWT (`vc+sd-jwt` is the earlier drafts' name). */
const ACCEPTED_TYP = new Set(['dc+sd-jwt', 'vc+sd-jwt']);
/** Clock skew tolerated for iat/nbf in the future, in seconds. */
const LEEWAY = 60;
const DEFAULT_KB_AGE = 300;

function fail(code: ConstructorParameters<typeof WalletVerificationError>[0], detail: string): never {
  throw new WalletVerificationError(code, detail);
}

function parseJwt(jwt: string, what: string): ParsedJws {
  try {
    return parseCompactJws(jwt);
  } catch {
    return fail('credential-malformed', `the ${what} is not a compact JWS`);
  }
}

const optionalNumber = (payload: Record<string, unknown>, claim: string): number | null => {
  const value = payload[claim];
  if (value === undefined) return null;
  if (typeof value !== 'number' || !Number.isFinite(value))
    fail('credential-malformed', `${claim} is not a number`);
  return value;
};

async function checkIssuerSignature(jws: ParsedJws, context: VerificationContext) {
  if (!ACCEPTED_TYP.has(jws.header.typ as string)) fail('credential-malformed', 'typ is not dc+sd-jwt');
  if (jws.header.alg !== 'ES256') fail('credential-malformed', 'alg is not ES256');
  const chain = await verifyCertificateChain(jws.header.x5c as string[], context.trustAnchors, context.now);
  if (!(await verifyEs256(chain.publicKey, jws.signature, jws.signingInput)))
    fail('issuer-signature-invalid', "the issuer's signature does not verify");
  return chain;
}

function checkTypeAndDates(payload: Record<string, unknown>, context: VerificationContext) {
  if (typeof payload.vct !== 'string' || !context.acceptedTypes.includes(payload.vct))
    fail('credential-type-unexpected', 'the credential type is not one the verifier accepts');
  if (payload._sd_alg !== undefined && payload._sd_alg !== 'sha-256')
    fail('credential-malformed', '_sd_alg is not sha-256');
  const now = context.now.getTime() / 1000;
  const iat = optionalNumber(payload, 'iat');
  const nbf = optionalNumber(payload, 'nbf');
  const exp = optionalNumber(payload, 'exp');
  if ((iat !== null && iat > now + LEEWAY) || (nbf !== null && nbf > now + LEEWAY))
    fail('credential-not-yet-valid', 'the credential is not valid yet');
  if (exp !== null && now >= exp) fail('credential-expired', 'the credential has expired');
  return { validFrom: nbf ?? iat, validUntil: exp };
}

/** The KB-JWT's form and its signature by `cnf.jwk` (started beside the issuer's signature). */
async function keyBindingSignature(split: SplitSdJwt, payload: Record<string, unknown>): Promise<ParsedJws> {
  if (split.kbJwt === null) fail('key-binding-missing', 'the presentation has no key-binding JWT');
  const jwk = (payload.cnf as { jwk?: unknown } | undefined)?.jwk;
  if (!isPublicP256Jwk(jwk)) fail('credential-malformed', 'cnf.jwk is not a P-256 public key');
  let kb: ParsedJws;
  try {
    kb = parseCompactJws(split.kbJwt);
  } catch {
    return fail('key-binding-signature-invalid', 'the key-binding JWT is not a compact JWS');
  }
  if (kb.header.typ !== 'kb+jwt' || kb.header.alg !== 'ES256')
    fail('key-binding-signature-invalid', 'the key-binding JWT is not typ kb+jwt, alg ES256');
  if (!(await verifyEs256(await importPublicJwk(jwk), kb.signature, kb.signingInput)))
    fail('key-binding-signature-invalid', "the key-binding JWT's signature is not by the credential's key");
  return kb;
}

function checkKeyBindingClaims(kb: ParsedJws, sdHash: string, context: VerificationContext) {
  const { aud, nonce, iat, sd_hash } = kb.payload;
  if (aud !== context.audience)
    fail('key-binding-wrong-audience', 'the presentation is for another verifier');
  if (nonce !== context.nonce)
    fail('key-binding-wrong-nonce', "the presentation is not for this request's nonce");
  const now = context.now.getTime() / 1000;
  if (typeof iat !== 'number' || !Number.isFinite(iat))
    fail('key-binding-too-old', 'the key-binding JWT has no iat');
  if (iat > now + LEEWAY) fail('key-binding-too-old', 'the key-binding JWT is dated in the future');
  if (now - iat > (context.maxKeyBindingAgeSeconds ?? DEFAULT_KB_AGE))
    fail('key-binding-too-old', 'the key-binding JWT is too old');
  if (typeof sd_hash !== 'string' || sd_hash !== sdHash)
    fail('key-binding-hash-mismatch', 'sd_hash does not match the presented SD-JWT');
}

async function checkStatus(payload: Record<string, unknown>, context: VerificationContext) {
  const reference = (payload.status as { status_list?: { idx?: unknown; uri?: unknown } } | undefined)
    ?.status_list;
  const { idx, uri } = reference ?? {};
  if (typeof uri !== 'string' || typeof idx !== 'number' || !Number.isSafeInteger(idx) || idx < 0)
    fail('credential-malformed', 'status.status_list is missing or malformed');
  let token: string | Uint8Array;
  try {
    token = await context.statusList(uri);
  } catch {
    return fail('status-list-unavailable', 'the status list could not be fetched');
  }
  const list = await verifyStatusListToken(token, {
    trustAnchors: context.trustAnchors,
    now: context.now,
    uri,
  });
  let value: number;
  try {
    value = statusAt(list, idx);
  } catch {
    return fail('status-list-unavailable', "the credential's index is outside the status list");
  }
  const status = credentialStatusOf(value);
  if (status === 'revoked') fail('credential-revoked', 'the credential has been revoked');
  if (status === 'suspended') fail('credential-suspended', 'the credential is suspended');
  return status;
}

/**
 * Verifies `<jwt>~<disclosure>~…~<kb-jwt>` against the context, in this order: form, issuer chain
 * and signature, type, dates, disclosures, key binding, status. Answers the disclosed claims.
 */
export async function verifySdJwtVcPresentation(
  presentation: string,
  context: VerificationContext,
): Promise<VerifiedCredential> {
  const split = splitSdJwt(presentation);
  const jws = parseJwt(split.jwt, 'issuer-signed JWT');
  const disclosures = split.disclosures.map(decodeDisclosure);
  // The two signatures (and sd_hash) are computed side by side; failures are reported in order.
  const keyBinding = keyBindingSignature(split, jws.payload);
  keyBinding.catch(() => {});
  const sdHash = digestOfAsync(split.withoutKb);
  const chain = await checkIssuerSignature(jws, context);
  const { validFrom, validUntil } = checkTypeAndDates(jws.payload, context);
  const claims = resolveDisclosures(jws.payload, disclosures);
  checkKeyBindingClaims(await keyBinding, await sdHash, context);
  const status = await checkStatus(jws.payload, context);
  return {
    format: 'dc+sd-jwt',
    type: jws.payload.vct as string,
    issuer: { name: chain.subject.name, country: chain.subject.country },
    claims: flattenClaims(claims),
    validFrom: validFrom === null ? null : new Date(validFrom * 1000),
    validUntil: validUntil === null ? null : new Date(validUntil * 1000),
    status,
  };
}
