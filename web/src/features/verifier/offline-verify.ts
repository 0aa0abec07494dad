/**
 * Verifies an offline response QR in the browser, with no network: the same SD-JWT VC checks as
 * the server (`@civitas/wallet`), against the cached trust anchors and status lists.
 */
import type { OfflineRequests, VerificationResult } from '@civitas/contracts/api/wallet-verifier.ts';
import { type CheckId, checkDefinition, claimKeysOf, verdict } from '@civitas/wallet/checks.ts';
import { WalletVerificationError } from '@civitas/wallet/errors.ts';
import { decodeOfflineResponseFor, OfflinePayloadError } from '@civitas/wallet/offline/index.ts';
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
    if (!option || response.format !== 'dc+sd-jwt')
      return { kind: 'failed', code: 'credential-type-unexpected' };
    const verified = await verifySdJwtVcPresentation(response.presentation, {
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
    });
    const outcome = verdict(request.check, verified, now);
    const asked = claimKeysOf(request.check);
    const claims = Object.entries(verified.claims).filter(([key]) => asked.has(key) && !IMAGES.has(key));
    const photo = Object.entries(verified.claims).find(([key]) => asked.has(key) && IMAGES.has(key))?.[1];
    return {
      kind: 'verified',
      result: {
        passed: outcome.passed,
        verdictCode: outcome.passed ? null : outcome.code,
        format: verified.format,
        type: verified.type,
        issuer: verified.issuer,
        validUntil: verified.validUntil?.toISOString() ?? null,
        claims: claims.map(([key, value]) => ({ key, value })),
        photo: typeof photo === 'string' && photo.startsWith('data:image/') ? photo : null,
      },
    };
  } catch (error) {
    if (error instanceof OfflinePayloadError || error instanceof WalletVerificationError) {
      return { kind: 'failed', code: error.code };
    }
    throw error;
  }
}
