/**
 * Where a scanned or pasted link goes in the wallet: a credential offer opens the offer screen, a
 * presentation request the consent screen (each with the same query); anything else is not for
 * the wallet.
 */
import { WALLET_OFFER_PATH, WALLET_PRESENT_PATH } from './paths.ts';

export function walletPathForLink(link: string, ownOrigin: string): string | null {
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    return null;
  }
  const offerQuery = url.searchParams.has('credential_offer') || url.searchParams.has('credential_offer_uri');
  const isOffer =
    url.protocol === 'openid-credential-offer:' ||
    (url.origin === ownOrigin && url.pathname === WALLET_OFFER_PATH);
  if (isOffer) return offerQuery ? `${WALLET_OFFER_PATH}${url.search}` : null;
  const isRequest =
    url.protocol === 'openid4vp:' || (url.origin === ownOrigin && url.pathname === WALLET_PRESENT_PATH);
  const requestQuery = url.searchParams.has('client_id') && url.searchParams.has('request_uri');
  return isRequest && requestQuery ? `${WALLET_PRESENT_PATH}${url.search}` : null;
}
