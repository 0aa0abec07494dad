/**
 * Checks a `vp_token` against the transaction's check: exactly one of the check's credential
 * queries answered with one presentation, verified with the matching library function (SD-JWT VC:
 * issuer chain, type, dates, disclosures, KB-JWT bound to this nonce and client id, status; mdoc:
 * the same with the device signature over the OpenID4VP session transcript), then the verdict.
 * Only the claims the check asks are kept.
 */

import type { VerificationResult } from '@civitas/contracts/api/wallet-verifier.ts';
import { type CheckId, checkDefinition, claimKeysOf, verdict } from '@civitas/wallet/checks.ts';
import type { VerificationContext, VerifiedCredential } from '@civitas/wallet/formats.ts';
import type { VpToken } from '@civitas/wallet/openid4vp/index.ts';
import { AppError } from '../../../kernel/index.ts';

/** The presentation checks, one per format (from `@civitas/wallet/sd-jwt` and `@civitas/wallet/mdoc`). */
export interface PresentationCheckers {
  sdJwt(presentation: string, context: VerificationContext): Promise<VerifiedCredential>;
  /** `deviceResponse`: base64url CBOR; `transcript`: what the mdoc's device signature covers. */
  mdoc(
    deviceResponse: string,
    context: VerificationContext,
    transcript: { clientId: string; nonce: string; responseUri: string; jwkThumbprint: Uint8Array | null },
  ): Promise<VerifiedCredential>;
}

export interface PresentationInput {
  check: CheckId;
  vpToken: VpToken;
  clientId: string;
  nonce: string;
  responseUri: string;
  jwkThumbprint: Uint8Array | null;
  trustAnchors: readonly string[];
  statusList(uri: string): Promise<string | Uint8Array>;
  now: Date;
}

export async function checkPresentation(checkers: PresentationCheckers, input: PresentationInput) {
  const options = checkDefinition(input.check).credentials;
  const answered = Object.keys(input.vpToken);
  const option = options.find((credential) => credential.id === answered[0]);
  const presentation = input.vpToken[answered[0] ?? '']?.[0];
  if (answered.length !== 1 || !option || !presentation || input.vpToken[option.id]?.length !== 1) {
    throw new AppError(
      'verification-response-invalid',
      'The vp_token must answer one of the check’s credential queries once.',
    );
  }
  const context: VerificationContext = {
    trustAnchors: input.trustAnchors,
    now: input.now,
    nonce: input.nonce,
    audience: input.clientId,
    statusList: input.statusList,
    acceptedTypes: [option.type],
  };
  const verified =
    option.format === 'dc+sd-jwt'
      ? await checkers.sdJwt(presentation, context)
      : await checkers.mdoc(presentation, context, {
          clientId: input.clientId,
          nonce: input.nonce,
          responseUri: input.responseUri,
          jwkThumbprint: input.jwkThumbprint,
        });
  return resultOf(input.check, verified, input.now);
}

const IMAGES = new Set(['picture', 'eu.europa.ec.eudi.pid.1.portrait', 'org.iso.18013.5.1.portrait']);

export function resultOf(check: CheckId, verified: VerifiedCredential, now: Date): VerificationResult {
  const outcome = verdict(check, verified, now);
  const asked = claimKeysOf(check);
  let photo: string | null = null;
  const claims: VerificationResult['claims'] = [];
  for (const [key, value] of Object.entries(verified.claims)) {
    if (!asked.has(key)) continue;
    if (IMAGES.has(key)) photo = imageOf(value);
    else claims.push({ key, value: plain(value) });
  }
  return {
    passed: outcome.passed,
    verdictCode: outcome.passed ? null : outcome.code,
    format: verified.format,
    type: verified.type,
    issuer: verified.issuer,
    validUntil: verified.validUntil?.toISOString() ?? null,
    claims,
    photo,
  };
}

function imageOf(value: unknown): string | null {
  if (typeof value === 'string' && /^data:image\/(jpeg|png);base64,[A-Za-z0-9+/]+=*$/.test(value))
    return value;
  if (value instanceof Uint8Array) {
    const png = value[0] === 0x89 && value[1] === 0x50;
    return `data:image/${png ? 'png' : 'jpeg'};base64,${Buffer.from(value).toString('base64')}`;
  }
  return null;
}

/** A claim's value as JSON: dates as ISO dates, Maps as objects, bytes as base64. */
export function plain(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (value instanceof Map) return Object.fromEntries([...value].map(([k, v]) => [String(k), plain(v)]));
  if (Array.isArray(value)) return value.map(plain);
  if (value && typeof value === 'object') {
    const proto = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) return String(value);
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
  }
  return value;
}
