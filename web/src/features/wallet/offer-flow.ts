/** The offer screen's steps: read the offer (fetching it if by reference) and its issuer's metadata. */
import { type CredentialOffer, OfferError, parseOfferJson, parseOfferLink } from './credential-offer.ts';
import { fetchIssuerMetadata, IssuanceError, type IssuerMetadata } from './issuance.ts';

export interface PreparedOffer {
  offer: CredentialOffer;
  metadata: IssuerMetadata;
}

export async function prepareOffer(link: string, ownOrigin: string): Promise<PreparedOffer> {
  const parsed = parseOfferLink(link, ownOrigin);
  let offer: CredentialOffer;
  if (parsed.kind === 'by-value') offer = parsed.offer;
  else {
    const response = await fetch(parsed.uri, { headers: { accept: 'application/json' } }).catch(() => {
      throw new IssuanceError('network', parsed.uri);
    });
    if (!response.ok) throw new IssuanceError('offer-expired', String(response.status));
    offer = parseOfferJson(await response.text(), ownOrigin);
  }
  if (!offer.preAuthorizedCode) throw new OfferError('no-grant');
  return { offer, metadata: await fetchIssuerMetadata(offer.issuer) };
}

/** The text key for why an offer failed. */
export function offerErrorKey(error: unknown): string {
  if (error instanceof OfferError) return `wallet.offer.errors.${error.reason}`;
  if (error instanceof IssuanceError) return `wallet.offer.errors.${error.reason}`;
  return 'wallet.offer.errors.unexpected-answer';
}
