/**
 * Offline presentation (no network on either phone): the verifier's request QR (`CIVREQ1:`, helper
 * `verifier`'s format) is checked against the verifier anchors kept from `GET /wallet/trust`, its
 * check must be one the verifier registered, and the answer — the same key-bound presentation as
 * online, bound to the request's client_id and nonce — is shown as a QR (`CIVVP1:`).
 */
import { dcqlQueryFor } from '@civitas/wallet/checks.ts';
import { openId4VpSessionTranscript } from '@civitas/wallet/mdoc/present.ts';
import {
  decodeOfflineRequest,
  encodeOfflineResponse,
  OFFLINE_REQUEST_PREFIX,
  OFFLINE_RESPONSE_URI,
  OfflinePayloadError,
  type OfflineRequest,
  verifyOfflineRequest,
} from '@civitas/wallet/offline/index.ts';
import { type CredentialMatch, type MatchResult, matchQuery } from './dcql-match.ts';
import { presentMatch, verifierName } from './presentation.ts';
import type { OpenWallet, StoredCredential } from './vault.ts';

export const isOfflineRequest = (text: string) => text.startsWith(OFFLINE_REQUEST_PREFIX);

export type OfflineFailure =
  | 'offline-payload-invalid'
  | 'offline-request-signature-invalid'
  | 'offline-request-untrusted'
  | 'offline-request-expired'
  | 'offline-beyond-registration';

export class OfflineRequestError extends Error {
  readonly reason: OfflineFailure;
  constructor(reason: OfflineFailure, detail: string) {
    super(detail);
    this.name = 'OfflineRequestError';
    this.reason = reason;
  }
}

/** The request, checked: signed by a trusted verifier, in time, asking only what it registered. */
export async function readOfflineRequest(
  text: string,
  anchors: readonly string[],
  now = new Date(),
): Promise<OfflineRequest> {
  try {
    const request = await decodeOfflineRequest(text);
    await verifyOfflineRequest(request, { trustAnchors: anchors, now });
    if (!request.claims.verifier.checks.includes(request.claims.check)) {
      throw new OfflineRequestError('offline-beyond-registration', 'the check is beyond the registration');
    }
    return request;
  } catch (error) {
    if (error instanceof OfflineRequestError) throw error;
    const code = error instanceof OfflinePayloadError ? error.code : 'offline-payload-invalid';
    const known: readonly string[] = [
      'offline-request-signature-invalid',
      'offline-request-untrusted',
      'offline-request-expired',
    ];
    throw new OfflineRequestError(
      known.includes(code) ? (code as OfflineFailure) : 'offline-payload-invalid',
      String(error),
    );
  }
}

export function matchOfflineRequest(
  request: OfflineRequest,
  stored: readonly StoredCredential[],
): MatchResult {
  return matchQuery(dcqlQueryFor(request.claims.check), stored);
}

/** The answer QR text; the presentation is recorded in the history as offline. */
export async function answerOffline(
  wallet: OpenWallet,
  request: OfflineRequest,
  match: CredentialMatch,
  leftOut: ReadonlySet<string>,
): Promise<string> {
  const { client_id: clientId, nonce, verifier } = request.claims;
  const sessionTranscript = () =>
    openId4VpSessionTranscript({ clientId, nonce, jwkThumbprint: null, responseUri: OFFLINE_RESPONSE_URI });
  const { presentation, disclosed } = await presentMatch(wallet, match, leftOut, {
    aud: clientId,
    nonce,
    sessionTranscript,
  });
  const text = await encodeOfflineResponse({ v: 1, nonce, format: match.credential.format, presentation });
  await wallet.record({
    kind: 'presentation',
    counterpart: verifierName({ name: verifier.name, organisation: verifier.organisation, intended_use: [] }),
    configurationId: match.credential.configurationId,
    claims: disclosed.map((path) => path.join('.')),
    channel: 'offline',
  });
  return text;
}
