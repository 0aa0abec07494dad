import type {
  OfflineRequests,
  RegisteredVerifier,
  VerificationStarted,
  VerificationState,
  VerifierCheck,
} from '@civitas/contracts/api/wallet-verifier.ts';
import { apiGet, apiSend } from '../../shared/api/api-client.ts';

export function fetchVerifier(signal: AbortSignal): Promise<RegisteredVerifier> {
  return apiGet<RegisteredVerifier>('/api/wallet/verifier', { signal });
}

export async function startVerification(check: VerifierCheck): Promise<VerificationStarted> {
  return (await (
    await apiSend('POST', '/api/wallet/verifications', { check })
  ).json()) as VerificationStarted;
}

export function verificationState(id: string, signal: AbortSignal): Promise<VerificationState> {
  return apiGet<VerificationState>(`/api/wallet/verifications/${encodeURIComponent(id)}`, { signal });
}

/** Signed offline requests, the issuers' anchors and the status lists, to keep for a shift offline. */
export async function fetchOfflineBundle(check: VerifierCheck, count: number): Promise<OfflineRequests> {
  return (await (
    await apiSend('POST', '/api/wallet/verifications/offline', { check, count })
  ).json()) as OfflineRequests;
}
