/**
 * Verifies an offline response QR in the browser, with no network: the same SD-JWT VC checks as
 * the server (`@civitas/wallet`), against the cached trust anchors and status lists.
 */
import type { OfflineRequests, VerificationResult } from '@civitas/contracts/api/wallet-verifier.ts';
import { type CheckId, checkDefinition, claimKeysOf, verdict } from '@civitas/wallet/checks.ts';
import { WalletVerificationError } from '@civitas/wallet/errors.ts';
import type { VerificationContext, VerifiedCredential } from '@civitas/wallet/formats.ts';
import { openId4VpSessionTranscript } from '@civitas/wallet/mdoc/session-transcript.ts';
import { verifyMdocPresentation } from '@civitas/wallet/mdoc/verify.ts';
import {
  decodeOfflineResponseFor,
  OFFLINE_RESPONSE_URI,
  OfflinePayloadError,
  type OfflineResponse,
} from '@civitas/wallet/offline/index.ts';
import { verifySdJwtVcPresentation } from '@civitas/wallet/sd-jwt/verify.ts';

export type OfflineOutcome =
  | { kind: 'verified'; result: VerificationResult }
  | { kind: 'failed'; code: string };

const IMAGES = new Set(['picture', 'eu.europa.ec.eudi.pid.1.portrait', 'org.iso.18013.5.1.portrait']);

export async function verifyOfflineResponse(
  text: string,
  request: { nonce: string; check: CheckId },
  bundle: Pick<OfflineRequests, 'clientId' | 'trustAnchors' | 'statusLists'>,
  now = new Date(),
): Promise<OfflineOutcome> {
  try {
    const response = await decodeOfflineResponseFor(text, request.nonce);
    const option = checkDefinition(request.check).credentials.find(
      (credential) => credential.format === response.format,
    );
    if (!option) return { kind: 'failed', code: 'credential-type-unexpected' };
    const context: VerificationContext = {
      trustAnchors: bundle.trustAnchors,
      now,
      nonce: request.nonce,
      audience: bundle.clientId,
      acceptedTypes: [option.type],
      statusList: async (uri) => {
        const list = bundle.statusLists.find((cached) => cached.uri === uri);
        if (!list) throw new Error(`no cached status list ${uri}`);
        return list.token;
      },
    };
    const verified = await verifyPresentation(response, context);
    const outcome = verdict(request.check, verified, now);
    const asked = claimKeysOf(request.check);
    const claims = Object.entries(verified.claims).filter(([key]) => asked.has(key) && !IMAGES.has(key));
    const photo = imageOf(
      Object.entries(verified.claims).find(([key]) => asked.has(key) && IMAGES.has(key))?.[1],
    );
    return {
      kind: 'verified',
      result: {
        passed: outcome.passed,
        verdictCode: outcome.passed ? null : outcome.code,
        format: verified.format,
        type: verified.type,
        issuer: verified.issuer,
        validUntil: verified.validUntil?.toISOString() ?? null,
        claims: claims.map(([key, value]) => ({ key, value: plain(value) })),
        photo,
      },
    };
  } catch (error) {
    if (error instanceof OfflinePayloadError || error instanceof WalletVerificationError) {
      return { kind: 'failed', code: error.code };
    }
    throw error;
  }
}

/** SD-JWT VC with its KB-JWT; mdoc over the offline session transcript (no response URI, no encryption). */
async function verifyPresentation(
  response: OfflineResponse,
  context: VerificationContext,
): Promise<VerifiedCredential> {
  if (response.format === 'dc+sd-jwt') return verifySdJwtVcPresentation(response.presentation, context);
  const sessionTranscript = await openId4VpSessionTranscript({
    clientId: context.audience,
    nonce: context.nonce,
    responseUri: OFFLINE_RESPONSE_URI,
    jwkThumbprint: null,
  });
  return verifyMdocPresentation(response.presentation, { ...context, sessionTranscript });
}

function imageOf(value: unknown): string | null {
  if (typeof value === 'string') return /^data:image\/(jpeg|png);base64,/.test(value) ? value : null;
  if (value instanceof Uint8Array) {
    let binary = '';
    for (const byte of value) binary += String.fromCharCode(byte);
    return `data:image/${value[0] === 0x89 ? 'png' : 'jpeg'};base64,${btoa(binary)}`;
  }
  return null;
}

/** A claim's value as the screen shows it: dates as ISO dates, Maps as objects. */
function plain(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (value instanceof Map) return Object.fromEntries([...value].map(([k, v]) => [String(k), plain(v)]));
  if (Array.isArray(value)) return value.map(plain);
  if (value && typeof value === 'object' && !(value instanceof Uint8Array)) {
    const proto = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) return String(value);
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
  }
  return value;
}
