/** The Wallet tab: the citizen's documents on this device (no eID session needed to open it). */
export const WALLET_PATH = '/wallet';
/** Same-device credential offers: `/wallet/offer?credential_offer=…` (or `credential_offer_uri=…`). */
export const WALLET_OFFER_PATH = '/wallet/offer';
