import type { WalletOffer, WalletOfferRequest } from '@civitas/contracts/api/wallet-issuer.ts';
import { apiSend } from '../../shared/api/api-client.ts';

export type { WalletOffer };

/** A pre-authorized offer for the citizen at the desk (POST /api/wallet/offers). */
export async function makeOffer(request: WalletOfferRequest): Promise<WalletOffer> {
  const response = await apiSend('POST', '/api/wallet/offers', request);
  return (await response.json()) as WalletOffer;
}
